// GET /api/pins?channelId= or ?conversationId=: a room's pinned messages, latest pinned first, for whoever reads it.
// Pinning and unpinning are message writes (worker/routes/messages.ts), which tell the room.
import { Hono } from "hono";
import type { AppEnv } from "../env";
import type { Message } from "../../contract";
import { badRequest, fail } from "../errors";
import { requireSession } from "../auth/middleware";
import { query } from "../validate";
import { CHANNEL, CONVERSATION } from "../db/queries/messages";
import { pinsOf } from "../db/queries/pins";

const id = (raw: string | undefined, name: string) => {
  if (raw !== undefined && (raw.length === 0 || raw.length > 64)) badRequest(`${name} must be an id`);
  return raw;
};

export const pins = new Hono<AppEnv>().use(requireSession).get("/", query("channelId", "conversationId"), async (c) => {
  const channelId = id(c.req.query("channelId"), "channelId");
  const conversationId = id(c.req.query("conversationId"), "conversationId");
  if ((channelId === undefined) === (conversationId === undefined)) badRequest("give either channelId or conversationId (exactly one)");
  const kind = channelId ? CHANNEL : CONVERSATION;
  const list = await pinsOf(c.var.db, kind, { room: (channelId ?? conversationId)!, profile: c.var.profile.id });
  if (!list) fail(404, channelId ? "Channel not found" : "Conversation not found");
  return c.json(list as Message[], 200);
});
