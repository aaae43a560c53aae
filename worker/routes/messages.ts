// Message routes on the paths of the system we replace: reads under /api/messages and /api/direct-messages,
// writes under /api/socket/... which, after the database committed, tell the room in waitUntil.
import { Hono } from "hono";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../env";
import { CATCH_UP_MAX, MESSAGE_MAX, messagesKey, messagesUpdateKey, PAGE_DEFAULT, PAGE_MAX, schemas } from "../../contract";
import type { Message } from "../../contract";
import { requireParam, validate } from "../validate";
import { badRequest, fail } from "../errors";
import { noSession, requireSession, sessionInBatch } from "../auth/middleware";
import type { HotEnv } from "../auth/middleware";
import { tellRoom, tellRoomJson } from "../realtime";
import { limitOf, secondsUntilFree, tooMany, windowStart } from "../limits";
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

const FILE_REFUSED = "fileUrl must be a url POST /api/uploads returned to you";

/** A fileUrl must have the shape of one this product issued; the database then checks it was issued. */
function checkFileUrl(fileUrl: string | null | undefined): { fileUrl: string | null; fileKey: string | null } {
  if (fileUrl === undefined || fileUrl === null) return { fileUrl: null, fileKey: null };
  const fileKey = fileKeyFromUrl(fileUrl);
  if (!fileKey) badRequest(FILE_REFUSED);
  return { fileUrl, fileKey: fileKey! };
}

function caller(c: Context<HotEnv>, name: RoomName, withServer: boolean): q.Caller {
  const room = requireParam(c.req.query(roomNames[name].param), roomNames[name].param);
  const server = withServer && name === "channel" ? requireParam(c.req.query("serverId"), "serverId") : undefined;
  const session = c.var.sessionHash;
  return session !== undefined ? { room, session, server } : { room, profile: c.var.profile.id, server };
}

/** GET history or catch-up for one kind of room. */
function reads(name: RoomName) {
  const { kind, what } = roomNames[name];
  return new Hono<HotEnv>().get("/", sessionInBatch, async (c) => {
    const who = caller(c, name, false);
    const cursor = c.req.query("cursor");
    const afterRaw = c.req.query("after");
    if (cursor !== undefined && afterRaw !== undefined) badRequest("give either cursor or after, not both");
    const limit = positiveInt(c.req.query("limit"), "limit");
    let page: q.PageResult;
    if (afterRaw !== undefined) {
      if (!/^\d+$/.test(afterRaw) || !Number.isSafeInteger(Number(afterRaw))) badRequest("after must be a message version (a whole number)");
      page = await q.changesAfter(c.var.db, kind, who, { after: Number(afterRaw), limit: Math.min(limit ?? CATCH_UP_MAX, CATCH_UP_MAX) });
    } else {
      if (cursor !== undefined && (cursor.length === 0 || cursor.length > 64)) badRequest("This cursor was not issued by the server");
      page = await q.historyPage(c.var.db, kind, who, { cursor, limit: Math.min(limit ?? PAGE_DEFAULT, PAGE_MAX) });
    }
    if ("refused" in page) {
      if (page.refused === "no-session") await noSession(c);
      if (page.refused === "bad-cursor") badRequest("This cursor was not issued by the server");
      fail(404, `${what} not found`);
    }
    return c.json(page, 200);
  }).use(requireSession); // after the routes: any other method hears 401 before 405, as before
}

/** POST, PATCH and DELETE for one kind of room. */
function writes(name: RoomName) {
  const { kind, what } = roomNames[name];
  const changed = async (c: Context<HotEnv>, kindOf: RoomKind, change: { edit: string } | { delete: true }) => {
    const who = caller(c, name, true);
    const result = await q.changeMessage(c.var.db, kindOf, who, c.req.param("messageId")!, change);
    if ("refused" in result) {
      if (result.refused === "no-access") fail(404, `${what} not found`);
      if (result.refused === "not-found") fail(404, "Message not found");
      fail(403, "edit" in change ? "Only the author may edit a message" : "Only the author, an ADMIN or a MODERATOR may delete a message");
    }
    const { message, after } = result as { message: Message; after: number };
    tellRoom(c, who.room, messagesUpdateKey(who.room), message, { version: message.version, after });
    return c.json(message, 200);
  };

  return new Hono<HotEnv>()
    .post("/", sessionInBatch, validate("json", schemas.NewMessage), async (c) => {
      const who = caller(c, name, true);
      const body = c.req.valid("json");
      const file = checkFileUrl(body.fileUrl);
      const content = checkContent(body.content, file.fileUrl !== null);
      const limit = limitOf(c.env, "RATE_LIMIT_MESSAGES");
      const result = await q.createMessage(c.var.db, kind, who, { content, ...file, nonce: body.nonce ?? null }, { count: limit.count, since: windowStart(limit) });
      if ("refused" in result) {
        if (result.refused === "no-session") await noSession(c);
        if (result.refused === "unknown-file") badRequest(FILE_REFUSED);
        if (result.refused === "read-only") fail(403, "The other member has left the server: this conversation can be read, not written to");
        if (result.refused === "rate-limited") tooMany(c, secondsUntilFree(result.oldest, limit), "You are sending messages too fast");
        fail(404, `${what} not found`);
      }
      const { message, created, after } = result as { message: Message; created: boolean; after: number };
      // stringified once: the same text is the answer and the room frame's data
      const json = JSON.stringify(message);
      if (created) tellRoomJson(c, who.room, messagesKey(who.room), json, { version: message.version, after });
      return c.body(json, created ? 201 : 200, { "content-type": "application/json" });
    })
    .patch("/:messageId", requireSession, validate("json", schemas.MessageEdit), async (c) =>
      changed(c, kind, { edit: checkContent(c.req.valid("json").content, false) }),
    )
    .delete("/:messageId", requireSession, async (c) => changed(c, kind, { delete: true }))
    .use(requireSession); // after the routes: any other method hears 401 before 405, as before
}

export const messageReads = reads("channel");
export const directMessageReads = reads("conversation");
export const messageWrites = writes("channel");
export const directMessageWrites = writes("conversation");

