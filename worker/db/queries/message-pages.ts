// Reading a room's history, one batch each with the access check (and, for a session caller, the session check):
// pages newest first by cursor, catch-up by version, and the pages around a message and after one, to jump to it.
import type { Db } from "../client";
import type { Message } from "../../../contract";
import { accessOf, callerArgs, columns, meOf, run, toMessage } from "./messages";
import type { Caller, RoomKind } from "./messages";
import { stmt } from "./sql";

export type PageResult = { items: Message[]; nextCursor: string | null } | { refused: "no-session" | "no-access" | "bad-cursor" };

/** History, newest first, in the order the database accepted the messages (seq); the cursor is a message id. */
export async function historyPage(db: Db, k: RoomKind, c: Caller, opts: { cursor?: string; limit: number }): Promise<PageResult> {
  const args = { ...callerArgs(c), cursor: opts.cursor ?? null, take: opts.limit + 1 };
  const before = opts.cursor ? `AND x.seq < (SELECT seq FROM ${k.table} WHERE id = :cursor AND ${k.roomColumn} = :room)` : "";
  const { live, rs } = await run(db, c, args, [
    stmt(accessOf(k, c), args),
    stmt(`SELECT 1 FROM ${k.table} WHERE id = :cursor AND ${k.roomColumn} = :room`, args),
    stmt(`${columns(k, meOf(k, c))} WHERE x.${k.roomColumn} = :room ${before} ORDER BY x.seq DESC LIMIT :take`, args),
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
    stmt(`${columns(k, meOf(k, c))} WHERE x.${k.roomColumn} = :room AND x.version > :after ORDER BY x.version ASC LIMIT :take`, args),
  ], "read");
  if (!live) return { refused: "no-session" };
  const [access, page] = rs;
  if (!access.rows[0]) return { refused: "no-access" };
  const rows = page.rows.slice(0, opts.limit);
  const more = page.rows.length > opts.limit;
  return { items: rows.map((r) => toMessage(k, r)), nextCursor: more ? String(rows[rows.length - 1].version) : null };
}

/** A history page that can go both ways (contract HistoryPage): older with `cursor=`, newer with `since=`. */
export type HistoryPageResult =
  | { items: Message[]; nextCursor: string | null; newerCursor: string | null }
  | { refused: "no-session" | "no-access" | "unknown-message" };

/**
 * A page around one message of the room, to jump to it: newest first, the message with up to half the limit of
 * newer ones and the rest older (a side with fewer leaves its share to the other). `nextCursor` (the oldest item)
 * goes on older with `cursor=`, `newerCursor` (the newest item) newer with `since=`; each null when nothing is
 * left that way. A message of another room, or none: `unknown-message`.
 */
export async function aroundPage(db: Db, k: RoomKind, c: Caller, opts: { around: string; limit: number }): Promise<HistoryPageResult> {
  // the message and up to limit - 1 older, plus one to know whether more are left; likewise newer
  const args = { ...callerArgs(c), target: opts.around, takeOlder: opts.limit + 1, takeNewer: opts.limit };
  const at = `(SELECT seq FROM ${k.table} WHERE id = :target AND ${k.roomColumn} = :room)`;
  const { live, rs } = await run(db, c, args, [
    stmt(accessOf(k, c), args),
    stmt(`${columns(k, meOf(k, c))} WHERE x.${k.roomColumn} = :room AND x.seq <= ${at} ORDER BY x.seq DESC LIMIT :takeOlder`, args),
    stmt(`${columns(k, meOf(k, c))} WHERE x.${k.roomColumn} = :room AND x.seq > ${at} ORDER BY x.seq ASC LIMIT :takeNewer`, args),
  ], "read");
  if (!live) return { refused: "no-session" };
  const [access, olderRows, newerRows] = rs;
  if (!access.rows[0]) return { refused: "no-access" };
  const [target, ...older] = olderRows.rows;
  if (!target || target.id !== opts.around) return { refused: "unknown-message" };
  const newer = newerRows.rows;
  const room = opts.limit - 1;
  let newerTaken = Math.min(newer.length, Math.floor(room / 2));
  const olderTaken = Math.min(older.length, room - newerTaken);
  newerTaken = Math.min(newer.length, room - olderTaken);
  const rows = [...newer.slice(0, newerTaken).reverse(), target, ...older.slice(0, olderTaken)];
  return {
    items: rows.map((r) => toMessage(k, r)),
    nextCursor: older.length > olderTaken ? (rows[rows.length - 1].id as string) : null,
    newerCursor: newer.length > newerTaken ? (rows[0].id as string) : null,
  };
}

/**
 * The messages accepted right after one message of the room (`since=`), `limit` of them, newest first.
 * `newerCursor` (the newest item) goes on newer, null when the room's newest message is in the page; `nextCursor`
 * is the oldest item (older with `cursor=`), null for an empty page.
 */
export async function newerPage(db: Db, k: RoomKind, c: Caller, opts: { since: string; limit: number }): Promise<HistoryPageResult> {
  const args = { ...callerArgs(c), target: opts.since, take: opts.limit + 1 };
  const { live, rs } = await run(db, c, args, [
    stmt(accessOf(k, c), args),
    stmt(`SELECT seq FROM ${k.table} WHERE id = :target AND ${k.roomColumn} = :room`, args),
    stmt(`${columns(k, meOf(k, c))} WHERE x.${k.roomColumn} = :room
            AND x.seq > (SELECT seq FROM ${k.table} WHERE id = :target AND ${k.roomColumn} = :room) ORDER BY x.seq ASC LIMIT :take`, args),
  ], "read");
  if (!live) return { refused: "no-session" };
  const [access, target, page] = rs;
  if (!access.rows[0]) return { refused: "no-access" };
  if (!target.rows[0]) return { refused: "unknown-message" };
  const rows = page.rows.slice(0, opts.limit).reverse();
  const more = page.rows.length > opts.limit;
  return {
    items: rows.map((r) => toMessage(k, r)),
    nextCursor: rows.length > 0 ? (rows[rows.length - 1].id as string) : null,
    newerCursor: more ? (rows[0].id as string) : null,
  };
}
