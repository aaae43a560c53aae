// Message routes on the paths of the system we replace: reads under /api/messages and /api/direct-messages,
// writes under /api/socket/... which, after the database committed, tell the room in waitUntil.
import { Hono } from "hono";
import type { Context, TypedResponse } from "hono";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../env";
import { activityKey, canonicalEmoji, CATCH_UP_MAX, PINS_MAX, isOneEmoji, MESSAGE_MAX, messagesKey, messagesUpdateKey, PAGE_DEFAULT, PAGE_MAX, REACTIONS_PER_MESSAGE_MAX, reactionsKey, schemas } from "../../contract";
import type { ChannelActivity, DirectActivity, Message, ReactionEvent } from "../../contract";
import { query, requireParam, validate } from "../validate";
import { badRequest, fail } from "../errors";
import { noSession, requireSession, sessionInBatch } from "../auth/middleware";
import type { HotEnv } from "../auth/middleware";
import { tellRoom, tellRoomJson, tellRoomPassive } from "../realtime";
import { limitOf, secondsUntilFree, tooMany, windowStart } from "../limits";
import * as q from "../db/queries/messages";
import { createMessage } from "../db/queries/message-create";
import type { CreateResult } from "../db/queries/message-create";
import { changeMessage } from "../db/queries/message-change";
import { react } from "../db/queries/message-reactions";
import * as pages from "../db/queries/message-pages";
import { fileKeyFromUrl } from "../db/queries/uploads";
import type { RoomKind } from "../db/queries/messages";
import { setPinned } from "../db/queries/pins";
import { previewLater } from "../previews";

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

/**
 * A new message, told beyond its own room for unread marks and badges: a channel's server room hears of every
 * message of its channels, and a conversation's other member hears of it in their own room.
 */
function announce(c: Context<HotEnv>, message: Message, serverId: string | undefined, recipients: string[]) {
  if (message.channelId && serverId) {
    const data: ChannelActivity = { channelId: message.channelId, messageId: message.id, memberId: message.memberId, mentions: message.mentions, mentionEveryone: message.mentionEveryone };
    tellRoomPassive(c, serverId, activityKey(serverId), data);
  }
  if (message.conversationId)
    for (const profileId of recipients) {
      const data: DirectActivity = { conversationId: message.conversationId, messageId: message.id, memberId: message.memberId };
      tellRoom(c, profileId, activityKey(profileId), data);
    }
}

/** GET history or catch-up for one kind of room. */
function reads(name: RoomName) {
  const { kind, what } = roomNames[name];
  return new Hono<HotEnv>().get("/", sessionInBatch, query("channelId", "conversationId", "cursor", "after", "around", "since", "limit"), async (c) => {
    const who = caller(c, name, false);
    const cursor = c.req.query("cursor");
    const afterRaw = c.req.query("after");
    // jumping to a message: a page around it, then newer pages after the newest one held
    const around = c.req.query("around");
    const since = c.req.query("since");
    if (cursor !== undefined && afterRaw !== undefined) badRequest("give either cursor or after, not both");
    if ([cursor, afterRaw, around, since].filter((p) => p !== undefined).length > 1) badRequest("give at most one of cursor, after, around and since");
    const limit = positiveInt(c.req.query("limit"), "limit");
    const unknownMessage = `${around !== undefined ? "around" : "since"} must be the id of a message of this ${what.toLowerCase()}`;
    let page: pages.PageResult | pages.HistoryPageResult;
    if (around !== undefined || since !== undefined) {
      const id = (around ?? since)!;
      if (id.length === 0 || id.length > 64) badRequest(unknownMessage);
      const take = Math.min(limit ?? PAGE_DEFAULT, PAGE_MAX);
      page = around !== undefined ? await pages.aroundPage(c.var.db, kind, who, { around: id, limit: take }) : await pages.newerPage(c.var.db, kind, who, { since: id, limit: take });
    } else if (afterRaw !== undefined) {
      if (!/^\d+$/.test(afterRaw) || !Number.isSafeInteger(Number(afterRaw))) badRequest("after must be a message version (a whole number)");
      page = await pages.changesAfter(c.var.db, kind, who, { after: Number(afterRaw), limit: Math.min(limit ?? CATCH_UP_MAX, CATCH_UP_MAX) });
    } else {
      if (cursor !== undefined && (cursor.length === 0 || cursor.length > 64)) badRequest("This cursor was not issued by the server");
      page = await pages.historyPage(c.var.db, kind, who, { cursor, limit: Math.min(limit ?? PAGE_DEFAULT, PAGE_MAX) });
    }
    if ("refused" in page) {
      if (page.refused === "no-session") await noSession(c);
      if (page.refused === "bad-cursor") badRequest("This cursor was not issued by the server");
      if (page.refused === "unknown-message") badRequest(unknownMessage);
      fail(404, `${what} not found`);
    }
    // every refusal threw above (fail() does not narrow the type: TypeScript narrows only declared functions)
    return c.json(page as Exclude<typeof page, { refused: unknown }>, 200);
  }).use(requireSession); // after the routes: any other method hears 401 before 405, as before
}

/** The query of a write: the room, and for a channel the server the caller names. */
const roomQuery = ["serverId", "channelId", "conversationId"] as const;

/** POST, PATCH and DELETE for one kind of room. */
function writes(name: RoomName) {
  const { kind, what } = roomNames[name];
  const changed = async (c: Context<HotEnv>, kindOf: RoomKind, change: { edit: string } | { delete: true }) => {
    const who = caller(c, name, true);
    const limit = limitOf(c.env, "RATE_LIMIT_EDITS");
    const result = await changeMessage(c.var.db, kindOf, who, c.req.param("messageId")!, change, limit);
    if ("refused" in result) {
      if (result.refused === "no-access") fail(404, `${what} not found`);
      if (result.refused === "not-found") fail(404, "Message not found");
      if (result.refused === "rate-limited") tooMany(c, secondsUntilFree(result.oldest, limit), "You are editing and deleting messages too fast");
      fail(403, "edit" in change ? "Only the author may edit a message" : "Only the author, an ADMIN or a MODERATOR may delete a message");
    }
    const { message, after } = result as { message: Message; after: number };
    tellRoom(c, who.room, messagesUpdateKey(who.room), q.forEveryone(message), { version: message.version, after });
    if ("edit" in change) previewLater(c, kindOf, message);
    return c.json(message, 200);
  };

  const reacted = async (c: Context<HotEnv>, add: boolean) => {
    const who = caller(c, name, true);
    const emoji = canonicalEmoji(c.req.param("emoji")!);
    if (!isOneEmoji(emoji)) badRequest("emoji must be one emoji (a single emoji character, skin tones and sequences included)");
    const limit = limitOf(c.env, "RATE_LIMIT_REACTIONS");
    const result = await react(c.var.db, kind, who, c.req.param("messageId")!, emoji, add, limit);
    if ("refused" in result) {
      if (result.refused === "no-access") fail(404, `${what} not found`);
      if (result.refused === "not-found") fail(404, "Message not found");
      if (result.refused === "rate-limited") tooMany(c, secondsUntilFree(result.oldest, limit), "You are reacting too fast");
      if (result.refused === "read-only") fail(403, "The other member has left the server: this conversation can be read, not written to");
      fail(400, `A message takes at most ${REACTIONS_PER_MESSAGE_MAX} different emoji`);
    }
    if (result.changed) {
      const { message, after, memberId, count } = result;
      const event: ReactionEvent = { messageId: message.id, emoji, memberId, added: add, count, version: message.version };
      tellRoom(c, who.room, reactionsKey(who.room), event, { version: message.version, after });
    }
    return c.json(result.message, 200);
  };

  const pinned = async (c: Context<HotEnv>, on: boolean) => {
    const who = caller(c, name, true);
    const result = await setPinned(c.var.db, kind, who, c.req.param("messageId")!, on);
    if ("refused" in result) {
      if (result.refused === "no-access") fail(404, `${what} not found`);
      if (result.refused === "not-found") fail(404, "Message not found");
      if (result.refused === "forbidden") fail(403, "Only an ADMIN or a MODERATOR may pin or unpin messages in a channel");
      if (result.refused === "read-only") fail(403, "The other member has left the server: this conversation can be read, not written to");
      fail(400, `A ${what.toLowerCase()} has at most ${PINS_MAX} pinned messages; unpin one first`);
    }
    if (result.changed) tellRoom(c, who.room, messagesUpdateKey(who.room), q.forEveryone(result.message), { version: result.message.version, after: result.after });
    return c.json(result.message, 200);
  };

  return new Hono<HotEnv>()
    .post("/", sessionInBatch, validate("json", schemas.NewMessage), query(...roomQuery), async (c) => {
      const who = caller(c, name, true);
      const body = c.req.valid("json");
      const file = checkFileUrl(body.fileUrl);
      const content = checkContent(body.content, file.fileUrl !== null);
      const limit = limitOf(c.env, "RATE_LIMIT_MESSAGES");
      const perPerson = limitOf(c.env, "RATE_LIMIT_MESSAGES_PERSON");
      const result = await createMessage(c.var.db, kind, who, { content, ...file, nonce: body.nonce ?? null, replyToId: body.replyToId ?? null }, { count: limit.count, since: windowStart(limit) }, perPerson);
      if ("refused" in result) {
        if (result.refused === "no-session") await noSession(c);
        if (result.refused === "unknown-file") badRequest(FILE_REFUSED);
        if (result.refused === "bad-reply") badRequest("replyToId must name a message of the same channel or conversation");
        if (result.refused === "read-only") fail(403, "The other member has left the server: this conversation can be read, not written to");
        if (result.refused === "rate-limited") tooMany(c, secondsUntilFree(result.oldest, limit), "You are sending messages too fast");
        if (result.refused === "rate-limited-person") tooMany(c, secondsUntilFree(result.oldest, perPerson), "You are sending messages too fast");
        if (result.refused === "slowmode") tooMany(c, result.seconds, "Slowmode is on in this channel");
        fail(404, `${what} not found`);
      }
      const { message, created, after, recipients } = result as Extract<CreateResult, { created: boolean }>;
      // stringified once: the same text is the answer and the room frame's data (a new message has no reactions)
      const json = JSON.stringify(message);
      if (created) {
        tellRoomJson(c, who.room, messagesKey(who.room), json, { version: message.version, after });
        announce(c, message, who.server, recipients);
        previewLater(c, kind, message);
      }
      // the very JSON text of the message, which c.body cannot type for hc<AppType>: say what it is
      return c.body(json, created ? 201 : 200, { "content-type": "application/json" }) as Response as Response & TypedResponse<Message, 200 | 201, "json">;
    })
    .patch("/:messageId", requireSession, validate("json", schemas.MessageEdit), query(...roomQuery), async (c) =>
      changed(c, kind, { edit: checkContent(c.req.valid("json").content, false) }),
    )
    .delete("/:messageId", requireSession, query(...roomQuery), async (c) => changed(c, kind, { delete: true }))
    .put("/:messageId/reactions/:emoji", requireSession, query(...roomQuery), async (c) => reacted(c, true))
    .delete("/:messageId/reactions/:emoji", requireSession, query(...roomQuery), async (c) => reacted(c, false))
    .put("/:messageId/pin", requireSession, query(...roomQuery), async (c) => pinned(c, true))
    .delete("/:messageId/pin", requireSession, query(...roomQuery), async (c) => pinned(c, false))
    .use(requireSession); // after the routes: any other method hears 401 before 405, as before
}

export const messageReads = reads("channel");
export const directMessageReads = reads("conversation");
export const messageWrites = writes("channel");
export const directMessageWrites = writes("conversation");

