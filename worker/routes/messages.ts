// Message routes on the paths of the system we replace: reads under /api/messages and /api/direct-messages,
// writes under /api/socket/... which, after the database committed, tell the room in waitUntil.
import { Hono } from "hono";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { CATCH_UP_MAX, MESSAGE_MAX, messagesKey, messagesUpdateKey, PAGE_DEFAULT, PAGE_MAX, schemas } from "../../contract";
import type { Message } from "../../contract";
import { requireParam, validate } from "../validate";
import { badRequest, fail } from "../errors";
import { requireSession } from "../auth/middleware";
import { notifyRoom } from "../realtime";
import * as q from "../db/queries/messages";
import { fileKeyFromUrl } from "../db/queries/uploads";
import type { RoomKind } from "../db/queries/messages";

const roomNames = {
  channel: { kind: q.CHANNEL, param: "channelId", what: "Channel" },
  conversation: { kind: q.CONVERSATION, param: "conversationId", what: "Conversation" },
} as const;
type RoomName = keyof typeof roomNames;

function positiveInt(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) badRequest(`${name} must be a whole number of at least 1`);
  return Number(raw);
}

/** Content is trimmed; it may be empty only when a file is attached. */
function checkContent(content: string, hasFile: boolean): string {
  const length = [...content].length;
  if (length > MESSAGE_MAX) badRequest(`content must be at most ${MESSAGE_MAX} characters`);
  if (length === 0 && !hasFile) badRequest("content must not be empty");
  return content;
}

const FILE_REFUSED = "fileUrl must be a url returned by POST /api/uploads";

/** A fileUrl must have the shape of one this product issued; the database then checks it was issued. */
function checkFileUrl(fileUrl: string | null | undefined): { fileUrl: string | null; fileKey: string | null } {
  if (fileUrl === undefined || fileUrl === null) return { fileUrl: null, fileKey: null };
  const fileKey = fileKeyFromUrl(fileUrl);
  if (!fileKey) badRequest(FILE_REFUSED);
  return { fileUrl, fileKey: fileKey! };
}

function caller(c: Context<AppEnv>, name: RoomName, withServer: boolean): q.Caller {
  const room = requireParam(c.req.query(roomNames[name].param), roomNames[name].param);
  const server = withServer && name === "channel" ? requireParam(c.req.query("serverId"), "serverId") : undefined;
  return { room, profile: c.var.profile.id, server };
}

function tell(c: Context<AppEnv>, key: string, room: string, message: Message) {
  c.executionCtx.waitUntil(notifyRoom(c.env, room, key, message));
}

/** GET history or catch-up for one kind of room. */
function reads(name: RoomName) {
  const { kind, what } = roomNames[name];
  return new Hono<AppEnv>().use(requireSession).get("/", async (c) => {
    const who = caller(c, name, false);
    const cursor = c.req.query("cursor");
    const afterRaw = c.req.query("after");
    if (cursor !== undefined && afterRaw !== undefined) badRequest("give either cursor or after, not both");
    const limit = positiveInt(c.req.query("limit"), "limit");
    let page: q.PageResult;
    if (afterRaw !== undefined) {
      if (!/^\d+$/.test(afterRaw)) badRequest("after must be a message version (a whole number)");
      page = await q.changesAfter(c.var.db, kind, who, { after: Number(afterRaw), limit: Math.min(limit ?? CATCH_UP_MAX, CATCH_UP_MAX) });
    } else {
      if (cursor !== undefined && (cursor.length === 0 || cursor.length > 64)) badRequest("This cursor was not issued by the server");
      page = await q.historyPage(c.var.db, kind, who, { cursor, limit: Math.min(limit ?? PAGE_DEFAULT, PAGE_MAX) });
    }
    if ("refused" in page) {
      if (page.refused === "bad-cursor") badRequest("This cursor was not issued by the server");
      fail(404, `${what} not found`);
    }
    return c.json(page, 200);
  });
}

/** POST, PATCH and DELETE for one kind of room. */
function writes(name: RoomName) {
  const { kind, what } = roomNames[name];
  const changed = async (c: Context<AppEnv>, kindOf: RoomKind, change: { edit: string } | { delete: true }) => {
    const who = caller(c, name, true);
    const result = await q.changeMessage(c.var.db, kindOf, who, c.req.param("messageId")!, change);
    if ("refused" in result) {
      if (result.refused === "no-access") fail(404, `${what} not found`);
      if (result.refused === "not-found") fail(404, "Message not found");
      fail(403, "edit" in change ? "Only the author may edit a message" : "Only the author, an ADMIN or a MODERATOR may delete a message");
    }
    const { message } = result as { message: Message };
    tell(c, messagesUpdateKey(who.room), who.room, message);
    return c.json(message, 200);
  };

  return new Hono<AppEnv>()
    .use(requireSession)
    .post("/", validate("json", schemas.NewMessage), async (c) => {
      const who = caller(c, name, true);
      const body = c.req.valid("json");
      const file = checkFileUrl(body.fileUrl);
      const content = checkContent(body.content, file.fileUrl !== null);
      const result = await q.createMessage(c.var.db, kind, who, { content, ...file, nonce: body.nonce ?? null });
      if ("refused" in result) {
        if (result.refused === "unknown-file") badRequest(FILE_REFUSED);
        fail(404, `${what} not found`);
      }
      const { message, created } = result as { message: Message; created: boolean };
      if (created) tell(c, messagesKey(who.room), who.room, message);
      return c.json(message, created ? 201 : 200);
    })
    .patch("/:messageId", validate("json", schemas.MessageEdit), async (c) =>
      changed(c, kind, { edit: checkContent(c.req.valid("json").content, false) }),
    )
    .delete("/:messageId", async (c) => changed(c, kind, { delete: true }));
}

export const messageReads = reads("channel");
export const directMessageReads = reads("conversation");
export const messageWrites = writes("channel");
export const directMessageWrites = writes("conversation");

