// Posting a message to a channel or a conversation: one batch with the access, rate, slowmode and file checks inside.
import type { InStatement } from "@libsql/client/web";
import type { Db } from "../client";
import type { Message } from "../../../contract";
import { newId } from "../../ids";
import { DB_NOW, stmt } from "./sql";
import type { Args } from "./sql";
import { markRead } from "./read-states";
import { full, guard } from "./rates";
import type { Limit } from "../../limits";
import { accessOf, callerArgs, columns, meOf, mentionArgs, previousVersion, run, storedMentions, toMessage, whoOf } from "./messages";
import type { Caller, RoomKind } from "./messages";

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
