// The limits that count rows of rate_events (worker/db/schema/limits.ts): a bucket per limit and per whom, counted
// inside the write it guards. `take` is for reads (search, tickets), whose only write is the event itself; `guard`
// gives the SQL for a write that carries its own count (a reaction, an edit, a message, a sign-up).
import type { InStatement } from "@libsql/client/web";
import type { Db } from "../client";
import type { Limit } from "../../limits";
import { windowStart } from "../../limits";
import { newId } from "../../ids";
import { stmt } from "./sql";
import type { Args } from "./sql";

/** The oldest of the bucket's newest `count` events in the window: when it leaves, there is room again. */
const oldest = (bucket: string, p: string) =>
  `SELECT count(*) AS n, min(at) AS oldest FROM (SELECT at FROM rate_events WHERE bucket = ${bucket} AND at > :${p}Since ORDER BY at DESC LIMIT :${p}Count)`;

/**
 * A limit's SQL for one write, its arguments prefixed with `p` (several limits may guard one write). `bucket` is SQL
 * of the bucket's name (a placeholder, or an expression such as `'messages:' || <profile>`).
 * - `room`: a condition for the guarded write: the bucket has room;
 * - `record`: the statement right after the guarded write, counting it only if it changed a row;
 * - `prune`: removes what left the window (before the write); `state`: `n` and `oldest` for a refusal's Retry-After.
 */
export function guard(p: string, bucket: string, limit: Limit, now = new Date().toISOString()) {
  const args: Args = { [`${p}Since`]: windowStart(limit), [`${p}Count`]: limit.count, [`${p}Id`]: newId(), [`${p}Now`]: now };
  return {
    args,
    room: `(SELECT count(*) FROM rate_events WHERE bucket = ${bucket} AND at > :${p}Since) < :${p}Count`,
    record: `INSERT INTO rate_events (id, bucket, at) SELECT :${p}Id, ${bucket}, :${p}Now WHERE changes() > 0 AND ${bucket} IS NOT NULL`,
    prune: `DELETE FROM rate_events WHERE bucket = ${bucket} AND at <= :${p}Since`,
    state: oldest(bucket, p),
  };
}

/** Whether a refused write was refused by this limit: answers the oldest counted event's time, for Retry-After. */
export function full(state: { rows: Row[] }, limit: Limit): string | undefined {
  const row = state.rows[0];
  return row && Number(row.n) >= limit.count ? (row.oldest as string) : undefined;
}
type Row = Record<string, unknown>;

/**
 * Counts one event in the bucket if it has room; otherwise answers when to come back. `bucket` is SQL over `args`
 * (null, say for a session that is not live, counts nothing and is let through: the request fails on its own).
 */
export async function take(db: Db, bucket: string, args: Args, limit: Limit): Promise<{ retryAfterFrom?: string }> {
  const g = guard("r", bucket, limit);
  const all = { ...args, ...g.args };
  const statements: InStatement[] = [
    stmt(g.prune, all),
    stmt(`INSERT INTO rate_events (id, bucket, at) SELECT :rId, b, :rNow FROM (SELECT ${bucket} AS b) WHERE b IS NOT NULL AND ${g.room}`, all),
    stmt(g.state, all),
  ];
  const [, inserted, state] = await db.$client.batch(statements, "write");
  if (inserted.rowsAffected === 1) return {};
  return { retryAfterFrom: full(state, limit) };
}
