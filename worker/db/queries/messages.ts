// Messages in a channel or a conversation: one module for both, since they differ only in table and room column.
// Every operation is a single batch (one round trip, one transaction): the membership check is part of the SQL, and
// on the hot paths (post, history, catch-up) the session check too.
import type { InStatement, Row } from "@libsql/client/web";
import type { Db } from "../client";
import type { Embed, Member, Message, MessageRef, Role } from "../../../contract";
import { DELETED_CONTENT, REACTIONS_PER_MESSAGE_MAX } from "../../../contract";
import { newId } from "../../ids";
import { conversationOpen, viaChannel, viaConversation } from "./access";
import { DB_NOW, SESSION_PROFILE, stmt } from "./sql";
import type { Args } from "./sql";
import { markRead } from "./read-states";
import { full, guard } from "./rates";
import type { Limit } from "../../limits";
import { auditSql } from "./audit";

export interface RoomKind {
  table: "messages" | "direct_messages";
  roomColumn: "channel_id" | "conversation_id";
  roomField: "channelId" | "conversationId";
  /** the caller's member row (id, role) for the room, or no row: the whole access rule in SQL; `who` is the profile */
  access: (withServer: boolean, who: string) => string;
  /** SQL that is true when the room takes new messages */
  open: string;
  /** the table of reactions to this kind's messages */
  reactions: "message_reactions" | "direct_message_reactions";
  /** SQL of the member ids a `<@memberId>` mention may name here */
  mentionable: string;
  /** whether `@everyone` counts, for an author of role `role` (SQL) */
  everyone: (role: string) => string;
  /** SQL of the profile ids told of a new message in their own room (`author`: the author's member id), if any */
  recipients?: (author: string) => string;
  /** SQL of the server whose audit log hears of a pin or of a message deleted by another (a conversation's: its members') */
  auditServer: string;
  /** SQL that is true when the member `a` (a row of `access`) may post now: a channel's slowmode */
  slowmodeOk?: string;
}

export const CHANNEL: RoomKind = {
  table: "messages",
  roomColumn: "channel_id",
  roomField: "channelId",
  access: (withServer, who) => viaChannel(":room", `= ${who}`, { server: withServer ? ":server" : undefined }),
  open: "1",
  reactions: "message_reactions",
  mentionable: "SELECT mm.id FROM channels mc JOIN members mm ON mm.server_id = mc.server_id WHERE mc.id = :room AND mm.left = 0",
  everyone: (role) => `(:everyone = 1 AND ${role} IN ('ADMIN', 'MODERATOR'))`,
  auditServer: "(SELECT server_id FROM channels WHERE id = :room)",
  slowmodeOk: `(a.role IN ('ADMIN', 'MODERATOR') OR NOT EXISTS (
    SELECT 1 FROM messages s JOIN channels sc ON sc.id = s.channel_id
    WHERE s.channel_id = :room AND s.member_id = a.id AND sc.slowmode_seconds > 0
      AND s.created_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || sc.slowmode_seconds || ' seconds')))`,
};

export const CONVERSATION: RoomKind = {
  table: "direct_messages",
  roomColumn: "conversation_id",
  roomField: "conversationId",
  access: (_withServer, who) => viaConversation(":room", `= ${who}`),
  open: conversationOpen(":room"),
  reactions: "direct_message_reactions",
  mentionable: "SELECT mm.id FROM conversations mv JOIN members mm ON mm.id IN (mv.member_one_id, mv.member_two_id) WHERE mv.id = :room",
  everyone: () => "0",
  auditServer: "(SELECT cm.server_id FROM conversations cv JOIN members cm ON cm.id = cv.member_one_id WHERE cv.id = :room)",
  recipients: (author) =>
    `SELECT o.profile_id FROM conversations v JOIN members o ON o.id IN (v.member_one_id, v.member_two_id) WHERE v.id = :room AND o.id != ${author}`,
};

/**
 * Who asks, and about which room. `server` narrows a channel to the server the route named. The caller is either a
 * known `profile`, or whoever holds the live session whose token hashes to `session`: then the session is looked up
 * inside the operation's own batch, which saves a round trip, and an operation answers `no-session` without it.
 */
export type Caller = { room: string; server?: string } & ({ profile: string; session?: undefined } | { session: string; profile?: undefined });

/**
 * A message with everything the wire shape holds, in one statement: its author, the message it answers (as it is
 * now) and its reactions grouped by emoji in order of their first reaction. `me` is SQL of the caller's member id,
 * for `reactions[].me` (NULL: nobody, as in room frames).
 */
export const columns = (k: RoomKind, me = "NULL") => `
  SELECT x.id, x.content, x.file_url, x.deleted, x.${k.roomColumn} AS room_id, x.member_id, x.nonce, x.version,
         x.created_at, x.updated_at, x.reply_to_id, x.mentions, x.mention_everyone, x.seq, x.pinned_at, x.embeds,
         m.role, m.server_id, m.profile_id, m.created_at AS m_created_at, m.updated_at AS m_updated_at, m.left AS m_left,
         p.name AS p_name, p.image_url AS p_image_url,
         r.id AS r_id, r.content AS r_content, r.file_url AS r_file_url, r.deleted AS r_deleted, r.member_id AS r_member_id,
         rm.role AS rm_role, rm.server_id AS rm_server_id, rm.profile_id AS rm_profile_id, rm.created_at AS rm_created_at,
         rm.updated_at AS rm_updated_at, rm.left AS rm_left, rp.name AS rp_name, rp.image_url AS rp_image_url,
         (SELECT json_group_array(json_array(emoji, n, mine)) FROM (
            SELECT emoji, count(*) AS n, coalesce(max(member_id = ${me}), 0) AS mine FROM ${k.reactions}
            WHERE message_id = x.id GROUP BY emoji ORDER BY min(seq))) AS reactions
  FROM ${k.table} x JOIN members m ON m.id = x.member_id JOIN profiles p ON p.id = m.profile_id
  LEFT JOIN ${k.table} r ON r.id = x.reply_to_id LEFT JOIN members rm ON rm.id = r.member_id
  LEFT JOIN profiles rp ON rp.id = rm.profile_id`;

/** The author (or the replied-to author, with prefix `r`) of a row of `columns`. */
function memberOf(r: Row, prefix: "" | "r"): Member {
  const col = (name: string) => r[prefix ? `${prefix}m_${name}` : name === "id" ? "member_id" : `m_${name}`];
  const id = r[prefix ? "r_member_id" : "member_id"] as string;
  const profileId = r[prefix ? "rm_profile_id" : "profile_id"] as string;
  return {
    id,
    role: r[prefix ? "rm_role" : "role"] as Role,
    serverId: r[prefix ? "rm_server_id" : "server_id"] as string,
    profileId,
    createdAt: col("created_at") as string,
    updatedAt: col("updated_at") as string,
    profile: { id: profileId, name: r[prefix ? "rp_name" : "p_name"] as string, imageUrl: (r[prefix ? "rp_image_url" : "p_image_url"] as string | null) ?? null },
    left: Number(col("left")) === 1,
  };
}

function replyOf(r: Row): MessageRef | null {
  if (r.r_id === null || r.r_id === undefined) return null;
  return {
    id: r.r_id as string,
    content: r.r_content as string,
    fileUrl: (r.r_file_url as string | null) ?? null,
    deleted: Number(r.r_deleted) === 1,
    memberId: r.r_member_id as string,
    member: memberOf(r, "r"),
  };
}

export function toMessage(k: RoomKind, r: Row): Message {
  return {
    id: r.id as string,
    content: r.content as string,
    fileUrl: (r.file_url as string | null) ?? null,
    deleted: Number(r.deleted) === 1,
    [k.roomField]: r.room_id as string,
    memberId: r.member_id as string,
    member: memberOf(r, ""),
    nonce: (r.nonce as string | null) ?? null,
    version: Number(r.version),
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
    replyTo: replyOf(r),
    mentions: JSON.parse(r.mentions as string) as string[],
    mentionEveryone: Number(r.mention_everyone) === 1,
    reactions: (JSON.parse(r.reactions as string) as [string, number, number][]).map(([emoji, count, mine]) => ({ emoji, count, me: mine === 1 })),
    pinned: r.pinned_at !== null && r.pinned_at !== undefined,
    embeds: JSON.parse(r.embeds as string) as Embed[],
  };
}

/** The message as a room frame shows it to everyone: no reaction is anyone's own. */
export const forEveryone = (m: Message): Message => (m.reactions.some((r) => r.me) ? { ...m, reactions: m.reactions.map((r) => ({ ...r, me: false })) } : m);

export const callerArgs = (c: Caller) => ({
  room: c.room,
  ...(c.session !== undefined ? { session: c.session, sessionNow: new Date().toISOString() } : { profile: c.profile }),
  ...(c.server ? { server: c.server } : {}),
});
/** SQL of the caller's profile id: the known one, or the live session's (NULL without one). */
export const whoOf = (c: Caller) => (c.session !== undefined ? SESSION_PROFILE : ":profile");
export const accessOf = (k: RoomKind, c: Caller) => k.access(c.server !== undefined, whoOf(c));


/** SQL of the caller's member id in the room, for `reactions[].me`. */
export const meOf = (k: RoomKind, c: Caller) => `(SELECT a.id FROM (${accessOf(k, c)}) a)`;

/**
 * Runs the statements as one batch; for a session caller the session check goes first in the same batch, and
 * `live` says whether it found the session (always true for a known profile).
 */
export async function run(db: Db, c: Caller, args: Args, statements: InStatement[], mode: "read" | "write") {
  if (c.session === undefined) return { live: true, rs: await db.$client.batch(statements, mode) };
  const [session, ...rs] = await db.$client.batch([stmt(`SELECT ${SESSION_PROFILE} AS profile_id WHERE ${SESSION_PROFILE} IS NOT NULL`, args), ...statements], mode);
  return { live: session.rows.length > 0, rs };
}

/**
 * The version of the room's latest write before this one: SQLite runs writes one at a time, so each write of a room
 * names its predecessor exactly, and the room can put notifications that arrive out of order back in commit order.
 */
export const previousVersion = (k: RoomKind, args: Args) => stmt(`SELECT coalesce(max(version), 0) AS v FROM ${k.table} WHERE ${k.roomColumn} = :room`, args);

/** Mentions as the author wrote them: the `<@memberId>` ids in order of first appearance, and `@everyone`. */
export function mentionsIn(content: string): { ids: string[]; everyone: boolean } {
  const ids = [...new Set(Array.from(content.matchAll(/<@([0-9A-Za-z_-]{1,64})>/g), (m) => m[1]))];
  return { ids, everyone: /(^|[^\w<])@everyone\b/.test(content) };
}

/** The SQL of a message's stored mentions: the written ids that name members here, in the written order. */
const storedMentions = (k: RoomKind) =>
  `(SELECT json_group_array(w.value) FROM (SELECT value FROM json_each(:mentionIds) WHERE value IN (${k.mentionable}) ORDER BY key) w)`;

const mentionArgs = (content: string) => {
  const written = mentionsIn(content);
  return { mentionIds: JSON.stringify(written.ids), everyone: written.everyone ? 1 : 0 };
};

/** Posting marks the room read up to the new message for its author, by the read states' own rule. */
const markReadByPost = (k: RoomKind, c: Caller, args: Args) =>
  stmt(markRead(`SELECT a.profile_id, :room, x.seq, x.id, ${DB_NOW} FROM ${k.table} x JOIN (${accessOf(k, c)}) a ON a.id = x.member_id WHERE x.id = :id`), args);

export type CreateResult =
  | { message: Message; created: boolean; after: number; recipients: string[] }
  | { refused: "no-session" | "no-access" | "unknown-file" | "read-only" | "bad-reply" }
  | { refused: "rate-limited" | "rate-limited-person"; oldest: string }
  | { refused: "slowmode"; seconds: number };

/**
 * Seconds the caller still waits before posting here, by the channel's slowmode (0: none; ADMIN and MODERATOR
 * never wait), from the database's clock and the caller's latest message in the channel.
 */
const slowWait = (k: RoomKind, c: Caller) =>
  k.slowmodeOk
    ? `SELECT CASE WHEN a.role IN ('ADMIN', 'MODERATOR') THEN 0 ELSE coalesce((
         SELECT sc.slowmode_seconds - (julianday('now') - julianday(max(s.created_at))) * 86400
         FROM messages s JOIN channels sc ON sc.id = s.channel_id WHERE s.channel_id = :room AND s.member_id = a.id), 0) END AS wait
       FROM (${accessOf(k, c)}) a`
    : "SELECT 0 AS wait";

/**
 * Inserts unless the same member already used this nonce in this room, or already sent `rate.count` messages here
 * since `rate.since` (the message rate limit, counted in the same transaction); answers the message either way.
 * A file must be one that POST /api/uploads stored (`fileKey` is the key of its url); a reply must answer a message
 * of the same room. `recipients`: the profiles whose own room hears of it (the other member of a conversation).
 */
export async function createMessage(
  db: Db, k: RoomKind, c: Caller,
  input: { content: string; fileUrl: string | null; fileKey: string | null; nonce: string | null; replyToId: string | null },
  rate: { count: number; since: string },
  perPerson: Limit,
): Promise<CreateResult> {
  const id = newId();
  // messages per person across all rooms (RATE_LIMIT_MESSAGES_PERSON), counted with the insert
  const person = guard("person", `'messages:' || ${whoOf(c)}`, perPerson);
  const args = {
    ...callerArgs(c), id, content: input.content, fileUrl: input.fileUrl, fileKey: input.fileKey, nonce: input.nonce,
    replyTo: input.replyToId, rateCount: rate.count, rateSince: rate.since, ...mentionArgs(input.content), ...person.args,
  };
  const recent = (member: string) => `SELECT created_at FROM ${k.table} WHERE ${k.roomColumn} = :room AND member_id = ${member} AND created_at > :rateSince`;
  const replyOk = `(:replyTo IS NULL OR EXISTS (SELECT 1 FROM ${k.table} o WHERE o.id = :replyTo AND o.${k.roomColumn} = :room))`;
  const statements: InStatement[] = [
    stmt(person.prune, args),
    stmt(`INSERT INTO ${k.table} (id, content, file_url, ${k.roomColumn}, member_id, nonce, reply_to_id, mentions, mention_everyone, created_at, updated_at)
            SELECT :id, :content, :fileUrl, :room, a.id, :nonce, :replyTo, ${storedMentions(k)}, ${k.everyone("a.role")}, ${DB_NOW}, ${DB_NOW}
            FROM (${accessOf(k, c)}) a
            WHERE (:fileKey IS NULL OR EXISTS (SELECT 1 FROM uploads WHERE key = :fileKey AND profile_id = a.profile_id))
              AND (SELECT count(*) FROM (${recent("a.id")})) < :rateCount
              AND ${person.room}
              AND ${replyOk}
              AND ${k.open}
              AND ${k.slowmodeOk ?? "1"}
            ON CONFLICT (${k.roomColumn}, member_id, nonce) DO NOTHING`, args),
    stmt(person.record, args),
    markReadByPost(k, c, args),
    stmt(`${columns(k, meOf(k, c))} WHERE x.id = :id
            OR (:nonce IS NOT NULL AND x.${k.roomColumn} = :room AND x.nonce = :nonce
                AND x.member_id = (SELECT a.id FROM (${accessOf(k, c)}) a)) LIMIT 1`, args),
  ];
  // after the insert: the newest `rateCount` messages of the member here, and the oldest of them
  const rateState = stmt(
    `SELECT count(*) AS n, min(created_at) AS oldest FROM (${recent(`(SELECT a.id FROM (${accessOf(k, c)}) a)`)} ORDER BY created_at DESC LIMIT :rateCount)`,
    args,
  );
  const checks = [stmt(accessOf(k, c), args), rateState, stmt(`SELECT ${k.open} AS open, ${replyOk} AS reply_ok`, args), stmt(person.state, args), stmt(slowWait(k, c), args)];
  const recipients = k.recipients ? [stmt(k.recipients(`(SELECT a.id FROM (${accessOf(k, c)}) a)`), args)] : [];
  const { live, rs } = await run(db, c, args, [previousVersion(k, args), ...statements, ...checks, ...recipients], "write");
  if (!live) return { refused: "no-session" };
  const [previous, , , , , found, access, limited, state, personal, slow, told] = rs;
  const row = found.rows[0];
  if (!row) {
    if (!access.rows[0]) return { refused: "no-access" };
    if (Number(state.rows[0].open) !== 1) return { refused: "read-only" };
    if (Number(state.rows[0].reply_ok) !== 1) return { refused: "bad-reply" };
    if (Number(limited.rows[0].n) >= rate.count) return { refused: "rate-limited", oldest: limited.rows[0].oldest as string };
    const oldest = full(personal, perPerson);
    if (oldest) return { refused: "rate-limited-person", oldest };
    const wait = Number(slow.rows[0]?.wait ?? 0);
    if (wait > 0) return { refused: "slowmode", seconds: Math.max(1, Math.ceil(wait)) };
    return { refused: "unknown-file" };
  }
  return {
    message: toMessage(k, row), created: row.id === id, after: Number(previous.rows[0].v),
    recipients: told ? told.rows.map((r) => r.profile_id as string) : [],
  };
}

export type ChangeResult = { message: Message; after: number } | { refused: "no-access" | "not-found" | "forbidden" } | { refused: "rate-limited"; oldest: string };

/**
 * Edits (author only) or soft-deletes (author, ADMIN, MODERATOR) a live message of the room. An edit recomputes
 * the mentions, and moves `updatedAt` only when the text really changed; a delete clears mentions and reactions.
 */
export async function changeMessage(
  db: Db, k: RoomKind, c: Caller, messageId: string, change: { edit: string } | { delete: true }, rate: Limit,
): Promise<ChangeResult> {
  // edits and deletes per member per room (RATE_LIMIT_EDITS), counted with the update itself
  const edits = guard("edits", `'edits:' || ${whoOf(c)} || ':' || :room`, rate);
  const args = { ...callerArgs(c), id: messageId, content: "edit" in change ? change.edit : DELETED_CONTENT, ...mentionArgs("edit" in change ? change.edit : ""), ...edits.args };
  const allowed =
    "edit" in change
      ? `member_id = (SELECT a.id FROM (${accessOf(k, c)}) a)`
      : `EXISTS (SELECT 1 FROM (${accessOf(k, c)}) a WHERE a.id = ${k.table}.member_id OR a.role IN ('ADMIN', 'MODERATOR'))`;
  const set =
    "edit" in change
      ? `content = :content, updated_at = CASE WHEN content = :content THEN updated_at ELSE ${DB_NOW} END,
         mentions = ${storedMentions(k)}, mention_everyone = ${k.everyone(`(SELECT a.role FROM (${accessOf(k, c)}) a)`)}`
      : `content = :content, file_url = NULL, deleted = 1, updated_at = ${DB_NOW}, mentions = '[]', mention_everyone = 0,
         pinned_at = NULL, embeds = '[]'`;
  // a message deleted by someone other than its author is a moderation act: the audit log hears of it (right after
  // the update, so changes() is the update's)
  const audit =
    "delete" in change
      ? [stmt(auditSql({
          server: k.auditServer, actor: `(SELECT a.profile_id FROM (${accessOf(k, c)}) a)`, action: "message.delete", target: ":id",
          when: `changes() = 1 AND (SELECT member_id FROM ${k.table} WHERE id = :id) != (SELECT a.id FROM (${accessOf(k, c)}) a)`,
        }), { ...args, auditId: newId() })]
      : [];
  const [previous, , update, ...rest] = await db.$client.batch(
    [
      previousVersion(k, args),
      stmt(edits.prune, args),
      stmt(`UPDATE ${k.table} SET ${set} WHERE id = :id AND ${k.roomColumn} = :room AND deleted = 0 AND ${allowed} AND ${edits.room}`, args),
      ...audit,
      stmt(edits.record, args),
      // reactions go with the message (their triggers raise its version once more, in the same transaction)
      stmt(`DELETE FROM ${k.reactions} WHERE message_id = :id AND EXISTS (SELECT 1 FROM ${k.table} WHERE id = :id AND deleted = 1)`, args),
      stmt(accessOf(k, c), args),
      stmt(`${columns(k, meOf(k, c))} WHERE x.id = :id AND x.${k.roomColumn} = :room`, args),
      stmt(edits.state, args),
    ],
    "write",
  );
  const [, , access, found, limited] = rest.slice(audit.length);
  if (update.rowsAffected === 1) return { message: toMessage(k, found.rows[0]), after: Number(previous.rows[0].v) };
  if (!access.rows[0]) return { refused: "no-access" };
  const row = found.rows[0];
  if (!row || Number(row.deleted) === 1) return { refused: "not-found" };
  const oldest = full(limited, rate);
  if (oldest) return { refused: "rate-limited", oldest };
  return { refused: "forbidden" };
}

export type ReactResult =
  | { message: Message; changed: false }
  | { message: Message; changed: true; after: number; memberId: string; count: number }
  | { refused: "no-access" | "not-found" | "read-only" | "too-many" }
  | { refused: "rate-limited"; oldest: string };

/**
 * Adds (`add`) or removes the caller's reaction with `emoji` to a live message of the room, idempotently: the same
 * reaction twice, or removing one that is not there, changes nothing. A message holds at most
 * REACTIONS_PER_MESSAGE_MAX different emoji, counted inside the write, so two people racing cannot pass it.
 */
export async function react(db: Db, k: RoomKind, c: Caller, messageId: string, emoji: string, add: boolean, rate: Limit): Promise<ReactResult> {
  // reaction changes per member per room (RATE_LIMIT_REACTIONS): only a change counts, inside the write
  const changes = guard("reactions", `'reactions:' || ${whoOf(c)} || ':' || :room`, rate);
  const args = { ...callerArgs(c), id: messageId, emoji, maxEmoji: REACTIONS_PER_MESSAGE_MAX, ...changes.args };
  const live = `EXISTS (SELECT 1 FROM ${k.table} WHERE id = :id AND ${k.roomColumn} = :room AND deleted = 0)`;
  const write = add
    ? `INSERT INTO ${k.reactions} (message_id, emoji, member_id, created_at)
         SELECT :id, :emoji, a.id, ${DB_NOW} FROM (${accessOf(k, c)}) a
         WHERE ${live} AND ${k.open} AND ${changes.room}
           AND (EXISTS (SELECT 1 FROM ${k.reactions} WHERE message_id = :id AND emoji = :emoji)
                OR (SELECT count(DISTINCT emoji) FROM ${k.reactions} WHERE message_id = :id) < :maxEmoji)
         ON CONFLICT (message_id, emoji, member_id) DO NOTHING`
    : `DELETE FROM ${k.reactions} WHERE message_id = :id AND emoji = :emoji AND member_id = (SELECT a.id FROM (${accessOf(k, c)}) a)
         AND ${live} AND ${k.open} AND ${changes.room}`;
  const [previous, , written, , access, found, count, open, limited] = await db.$client.batch(
    [
      previousVersion(k, args),
      stmt(changes.prune, args),
      stmt(write, args),
      stmt(changes.record, args),
      stmt(accessOf(k, c), args),
      stmt(`${columns(k, meOf(k, c))} WHERE x.id = :id AND x.${k.roomColumn} = :room`, args),
      stmt(`SELECT count(*) AS n FROM ${k.reactions} WHERE message_id = :id AND emoji = :emoji`, args),
      stmt(`SELECT ${k.open} AS open`, args),
      stmt(changes.state, args),
    ],
    "write",
  );
  const member = access.rows[0];
  if (!member) return { refused: "no-access" };
  const row = found.rows[0];
  if (!row || Number(row.deleted) === 1) return { refused: "not-found" };
  const message = toMessage(k, row);
  if (written.rowsAffected === 1) return { message, changed: true, after: Number(previous.rows[0].v), memberId: member.id as string, count: Number(count.rows[0].n) };
  if (Number(open.rows[0].open) !== 1) return { refused: "read-only" };
  const oldest = full(limited, rate);
  if (oldest) return { refused: "rate-limited", oldest };
  const mine = message.reactions.some((r) => r.emoji === emoji && r.me);
  if (add && !mine) return { refused: "too-many" };
  return { message, changed: false };
}
