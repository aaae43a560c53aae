// Direct conversations between two members of a server.
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { schemas } from "../../contract";
import { validate } from "../validate";
import { fail } from "../errors";
import { membership } from "../access";
import { requireSession } from "../auth/middleware";
import { findMember } from "../db/queries/members";
import { findConversation, getOrCreateConversation } from "../db/queries/conversations";

export const conversations = new Hono<AppEnv>()
  .use(requireSession)
  .post("/", validate("json", schemas.NewConversation), async (c) => {
  const { serverId, memberId } = c.req.valid("json");
  const me = await membership(c.var.db, serverId, c.var.profile.id);
  const other = await findMember(c.var.db, { serverId, memberId, former: true });
  if (!other) fail(404, "Member not found");
  if (other!.id === me.id) fail(400, "You cannot start a conversation with yourself");
  // with a former member, the conversation you had stays readable; a new one is not started
  if (other!.left) {
    const existing = await findConversation(c.var.db, me, other!);
    if (!existing) fail(404, "Member not found");
    return c.json(existing!, 200);
  }
  const { conversation, created } = await getOrCreateConversation(c.var.db, me, other!);
  return c.json(conversation, created ? 201 : 200);
});
