// Messages in a channel or a conversation: one module for both, since they differ only in table and room column.
// Every operation is a single batch (one round trip, one transaction): the membership check is part of the SQL, and
// on the hot paths (post, history, catch-up) the session check too.
import type { InStatement, Row } from "@libsql/client/web";
import type { Db } from "../../env";
import type { Message, Role } from "../../../contract";
import { DELETED_CONTENT } from "../../../contract";
import { newId } from "../../ids";
import { conversationOpen, viaChannel, viaConversation } from "./access";
import { liveSessionProfile } from "../../auth/session";

export interface RoomKind {
  table: "messages" | "direct_messages";
  roomColumn: "channel_id" | "conversation_id";
  roomField: "channelId" | "conversationId";
  /** the caller's member row (id, role) for the room, or no row: the whole access rule in SQL; `who` is the profile */
  access: (withServer: boolean, who: string) => string;
  /** SQL that is true when the room takes new messages */
  open: string;
}

export const CHANNEL: RoomKind = {
  table: "messages",
  roomColumn: "channel_id",
  roomField: "channelId",
  access: (withServer, who) => viaChannel(":room", `= ${who}`, { server: withServer ? ":server" : undefined }),
  open: "1",
};

export const CONVERSATION: RoomKind = {
  table: "direct_messages",
  roomColumn: "conversation_id",
  roomField: "conversationId",
  access: (_withServer, who) => viaConversation(":room", `= ${who}`),
  open: conversationOpen(":room"),
};

/**
 * Who asks, and about which room. `server` narrows a channel to the server the route named. The caller is either a
 * known `profile`, or whoever holds the live session whose token hashes to `session`: then the session is looked up
 * inside the operation's own batch, which saves a round trip, and an operation answers `no-session` without it.
 */
export type Caller = { room: string; server?: string } & ({ profile: string; session?: undefined } | { session: string; profile?: undefined });

const columns = (k: RoomKind) => `
  SELECT x.id, x.content, x.file_url, x.deleted, x.${k.roomColumn} AS room_id, x.member_id, x.nonce, x.version,
         x.created_at, x.updated_at, m.role, m.server_id, m.profile_id, m.created_at AS m_created_at,
         m.updated_at AS m_updated_at, m.left AS m_left, p.name AS p_name, p.image_url AS p_image_url
  FROM ${k.table} x JOIN members m ON m.id = x.member_id JOIN profiles p ON p.id = m.profile_id`;

function toMessage(k: RoomKind, r: Row): Message {
  return {
    id: r.id as string,
    content: r.content as string,
    fileUrl: (r.file_url as string | null) ?? null,
    deleted: Number(r.deleted) === 1,
    [k.roomField]: r.room_id as string,
    memberId: r.member_id as string,
    member: {
      id: r.member_id as string,
      role: r.role as Role,
      serverId: r.server_id as string,
      profileId: r.profile_id as string,
      createdAt: r.m_created_at as string,
      updatedAt: r.m_updated_at as string,
      profile: { id: r.profile_id as string, name: r.p_name as string, imageUrl: (r.p_image_url as string | null) ?? null },
      left: Number(r.m_left) === 1,
    },
    nonce: (r.nonce as string | null) ?? null,
    version: Number(r.version),
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
  };
}

/**
 * The database's clock, inside the write, as an ISO time like JavaScript's: SQLite runs writes one at a time, so
 * history order and createdAt order agree, whatever the clocks of the workers that sent them.
 */
const DB_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/** sqld refuses named arguments a statement does not use, so each statement gets exactly its own. */
function stmt(sql: string, args: Args): InStatement {
  const used = new Set(Array.from(sql.matchAll(/:(\w+)/g), (m) => m[1]));
  return { sql, args: Object.fromEntries(Object.entries(args).filter(([k]) => used.has(k))) };
}

const callerArgs = (c: Caller) => ({
  room: c.room,
  ...(c.session !== undefined ? { session: c.session, sessionNow: new Date().toISOString() } : { profile: c.profile }),
  ...(c.server ? { server: c.server } : {}),
});
const SESSION_PROFILE = liveSessionProfile(":session", ":sessionNow");
const accessOf = (k: RoomKind, c: Caller) => k.access(c.server !== undefined, c.session !== undefined ? SESSION_PROFILE : ":profile");

type Args = Record<string, string | number | null>;

/**
 * Runs the statements as one batch; for a session caller the session check goes first in the same batch, and
 * `live` says whether it found the session (always true for a known profile).
 */
async function run(db: Db, c: Caller, args: Args, statements: InStatement[], mode: "read" | "write") {
  if (c.session === undefined) return { live: true, rs: await db.$client.batch(statements, mode) };
  const [session, ...rs] = await db.$client.batch([stmt(`SELECT ${SESSION_PROFILE} AS profile_id WHERE ${SESSION_PROFILE} IS NOT NULL`, args), ...statements], mode);
  return { live: session.rows.length > 0, rs };
}

/**
 * The version of the room's latest write before this one: SQLite runs writes one at a time, so each write of a room
 * names its predecessor exactly, and the room can put notifications that arrive out of order back in commit order.
 */
const previousVersion = (k: RoomKind, args: Args) => stmt(`SELECT coalesce(max(version), 0) AS v FROM ${k.table} WHERE ${k.roomColumn} = :room`, args);

export type CreateResult =
  | { message: Message; created: boolean; after: number }
  | { refused: "no-session" | "no-access" | "unknown-file" | "read-only" }
  | { refused: "rate-limited"; oldest: string };

/**
 * Inserts unless the same member already used this nonce in this room, or already sent `rate.count` messages here
 * since `rate.since` (the message rate limit, counted in the same transaction); answers the message either way.
 * A file must be one that POST /api/uploads stored (`fileKey` is the key of its url).
 */
export async function createMessage(
  db: Db, k: RoomKind, c: Caller, input: { content: string; fileUrl: string | null; fileKey: string | null; nonce: string | null },
  rate: { count: number; since: string },
): Promise<CreateResult> {
  const id = newId();
  const args = {
    ...callerArgs(c), id, content: input.content, fileUrl: input.fileUrl, fileKey: input.fileKey, nonce: input.nonce,
    rateCount: rate.count, rateSince: rate.since,
  };
  const recent = (member: string) => `SELECT created_at FROM ${k.table} WHERE ${k.roomColumn} = :room AND member_id = ${member} AND created_at > :rateSince`;
  const statements: InStatement[] = [
    stmt(`INSERT INTO ${k.table} (id, content, file_url, ${k.roomColumn}, member_id, nonce, created_at, updated_at)
            SELECT :id, :content, :fileUrl, :room, a.id, :nonce, ${DB_NOW}, ${DB_NOW} FROM (${accessOf(k, c)}) a
            WHERE (:fileKey IS NULL OR EXISTS (SELECT 1 FROM uploads WHERE key = :fileKey AND profile_id = a.profile_id))
              AND (SELECT count(*) FROM (${recent("a.id")})) < :rateCount
              AND ${k.open}
            ON CONFLICT (${k.roomColumn}, member_id, nonce) DO NOTHING`, args),
    stmt(`${columns(k)} WHERE x.id = :id
            OR (:nonce IS NOT NULL AND x.${k.roomColumn} = :room AND x.nonce = :nonce
                AND x.member_id = (SELECT a.id FROM (${accessOf(k, c)}) a)) LIMIT 1`, args),
  ];
  // after the insert: the newest `rateCount` messages of the member here, and the oldest of them
  const rateState = stmt(
    `SELECT count(*) AS n, min(created_at) AS oldest FROM (${recent(`(SELECT a.id FROM (${accessOf(k, c)}) a)`)} ORDER BY created_at DESC LIMIT :rateCount)`,
    args,
  );
  const { live, rs } = await run(db, c, args, [previousVersion(k, args), ...statements, stmt(accessOf(k, c), args), rateState, stmt(`SELECT ${k.open} AS open`, args)], "write");
  if (!live) return { refused: "no-session" };
  const [previous, , found, access, limited, open] = rs;
  const row = found.rows[0];
  if (!row) {
    if (!access.rows[0]) return { refused: "no-access" };
    if (Number(open.rows[0].open) !== 1) return { refused: "read-only" };
    if (Number(limited.rows[0].n) >= rate.count) return { refused: "rate-limited", oldest: limited.rows[0].oldest as string };
    return { refused: "unknown-file" };
  }
  return { message: toMessage(k, row), created: row.id === id, after: Number(previous.rows[0].v) };
}

export type ChangeResult = { message: Message; after: number } | { refused: "no-access" | "not-found" | "forbidden" };

/** Edits (author only) or soft-deletes (author, ADMIN, MODERATOR) a live message of the room. */
export async function changeMessage(
  db: Db, k: RoomKind, c: Caller, messageId: string, change: { edit: string } | { delete: true },
): Promise<ChangeResult> {
  const args = { ...callerArgs(c), id: messageId, content: "edit" in change ? change.edit : DELETED_CONTENT };
  const allowed =
    "edit" in change
      ? `member_id = (SELECT a.id FROM (${accessOf(k, c)}) a)`
      : `EXISTS (SELECT 1 FROM (${accessOf(k, c)}) a WHERE a.id = ${k.table}.member_id OR a.role IN ('ADMIN', 'MODERATOR'))`;
  const set = "edit" in change ? `content = :content, updated_at = ${DB_NOW}` : `content = :content, file_url = NULL, deleted = 1, updated_at = ${DB_NOW}`;
  const [previous, update, access, found] = await db.$client.batch(
    [
      previousVersion(k, args),
      stmt(`UPDATE ${k.table} SET ${set} WHERE id = :id AND ${k.roomColumn} = :room AND deleted = 0 AND ${allowed}`, args),
      stmt(accessOf(k, c), args),
      stmt(`${columns(k)} WHERE x.id = :id AND x.${k.roomColumn} = :room`, args),
    ],
    "write",
  );
  if (update.rowsAffected === 1) return { message: toMessage(k, found.rows[0]), after: Number(previous.rows[0].v) };
  if (!access.rows[0]) return { refused: "no-access" };
  const row = found.rows[0];
  if (!row || Number(row.deleted) === 1) return { refused: "not-found" };
  return { refused: "forbidden" };
}

export type PageResult = { items: Message[]; nextCursor: string | null } | { refused: "no-session" | "no-access" | "bad-cursor" };

/** History, newest first, in the order the database accepted the messages (seq); the cursor is a message id. */
export async function historyPage(db: Db, k: RoomKind, c: Caller, opts: { cursor?: string; limit: number }): Promise<PageResult> {
  const args = { ...callerArgs(c), cursor: opts.cursor ?? null, take: opts.limit + 1 };
  const before = opts.cursor ? `AND x.seq < (SELECT seq FROM ${k.table} WHERE id = :cursor AND ${k.roomColumn} = :room)` : "";
  const { live, rs } = await run(db, c, args, [
    stmt(accessOf(k, c), args),
    stmt(`SELECT 1 FROM ${k.table} WHERE id = :cursor AND ${k.roomColumn} = :room`, args),
    stmt(`${columns(k)} WHERE x.${k.roomColumn} = :room ${before} ORDER BY x.seq DESC LIMIT :take`, args),
  ], "read");
  if (!live) return { refused: "no-session" };
  const [access, cursor, page] = rs;
  if (!access.rows[0]) return { refused: "no-access" };
  if (opts.cursor && !cursor.rows[0]) return { refused: "bad-cursor" };
  const rows = page.rows.slice(0, opts.limit);
  const more = page.rows.length > opts.limit;
  return { items: rows.map((r) => toMessage(k, r)), nextCursor: more ? (rows[rows.length - 1].id as string) : null };
}

/** Catch-up: everything whose version is above `after`, lowest version first; nextCursor is the next `after`. */
export async function changesAfter(db: Db, k: RoomKind, c: Caller, opts: { after: number; limit: number }): Promise<PageResult> {
  const args = { ...callerArgs(c), after: opts.after, take: opts.limit + 1 };
  const { live, rs } = await run(db, c, args, [
    stmt(accessOf(k, c), args),
    stmt(`${columns(k)} WHERE x.${k.roomColumn} = :room AND x.version > :after ORDER BY x.version ASC LIMIT :take`, args),
  ], "read");
  if (!live) return { refused: "no-session" };
  const [access, page] = rs;
  if (!access.rows[0]) return { refused: "no-access" };
  const rows = page.rows.slice(0, opts.limit);
  const more = page.rows.length > opts.limit;
  return { items: rows.map((r) => toMessage(k, r)), nextCursor: more ? String(rows[rows.length - 1].version) : null };
}
