// The counting behind the rate limits (worker/limits.ts): each check and the write it guards share one
// transaction, so concurrent requests cannot slip past a count.
import type { Db } from "../client";
import type { Limit } from "../../limits";
import { windowStart } from "../../limits";
import { newId } from "../../ids";

/** The oldest of the newest `count` events: when it leaves the window, there is room again. */
const oldestOfNewest = (from: string) => `SELECT min(at) AS oldest FROM (SELECT at FROM ${from} ORDER BY at DESC LIMIT :count)`;

/**
 * Records a sign-in attempt for this e-mail if fewer than the limit failed in the window; the attempt counts as a
 * failure until `forgiveAttempt` removes it (right password). Answers the attempt's id, or when to come back.
 */
export async function reserveSignIn(db: Db, email: string, limit: Limit): Promise<{ attempt: string } | { retryAfterFrom: string }> {
  const id = newId();
  const args = { id, email, now: new Date().toISOString(), since: windowStart(limit), count: limit.count };
  const recent = "sign_in_failures WHERE email = :email AND at > :since";
  const [, inserted, oldest] = await db.$client.batch(
    [
      // what left the window is no longer needed
      { sql: "DELETE FROM sign_in_failures WHERE email = :email AND at <= :since", args: { email, since: args.since } },
      { sql: `INSERT INTO sign_in_failures (id, email, at) SELECT :id, :email, :now WHERE (SELECT count(*) FROM ${recent}) < :count`, args },
      { sql: oldestOfNewest(`(SELECT at FROM ${recent})`), args: { email, since: args.since, count: limit.count } },
    ],
    "write",
  );
  if (inserted.rowsAffected === 1) return { attempt: id };
  return { retryAfterFrom: oldest.rows[0].oldest as string };
}

/** The password was right: this attempt was no failure. */
export async function forgiveSignIn(db: Db, attempt: string): Promise<void> {
  await db.$client.execute({ sql: "DELETE FROM sign_in_failures WHERE id = ?", args: [attempt] });
}

const recentUploads = "(SELECT created_at AS at FROM uploads WHERE profile_id = :profile AND created_at > :since)";

/** When this person's uploads are at the limit: the oldest counted upload's time (for Retry-After), else undefined. */
export async function uploadsFull(db: Db, profileId: string, limit: Limit): Promise<string | undefined> {
  const rs = await db.$client.execute({
    sql: `SELECT (SELECT count(*) FROM ${recentUploads}) AS n, (${oldestOfNewest(recentUploads)}) AS oldest`,
    args: { profile: profileId, since: windowStart(limit), count: limit.count },
  });
  return Number(rs.rows[0].n) >= limit.count ? (rs.rows[0].oldest as string) : undefined;
}

/** Records a stored upload unless the person reached the limit meanwhile (a race); false when refused. */
export async function recordUploadWithin(
  db: Db,
  upload: { key: string; profileId: string; name: string; type: string; size: number },
  limit: Limit,
): Promise<boolean> {
  const rs = await db.$client.execute({
    sql: `INSERT INTO uploads (key, profile_id, name, type, size, created_at)
          SELECT :key, :profile, :name, :type, :size, :now WHERE (SELECT count(*) FROM ${recentUploads}) < :count`,
    args: {
      key: upload.key, profile: upload.profileId, name: upload.name, type: upload.type, size: upload.size,
      now: new Date().toISOString(), since: windowStart(limit), count: limit.count,
    },
  });
  return rs.rowsAffected === 1;
}
