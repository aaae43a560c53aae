// The counting behind the rate limits (worker/limits.ts): each check and the write it guards share one
// transaction, so concurrent requests cannot slip past a count.
import type { Db } from "../client";
import type { Limit } from "../../limits";
import { windowStart } from "../../limits";
import { newId } from "../../ids";
import { stmt } from "./sql";
import { full, guard } from "./rates";
import type { OwnProfile } from "../../../contract";

/** The oldest of the newest `count` events: when it leaves the window, there is room again. */
const oldestOfNewest = (from: string) => `SELECT min(at) AS oldest FROM (SELECT at FROM ${from} ORDER BY at DESC LIMIT :count)`;

/** The three sign-in limits: failures per e-mail and address, per e-mail from anywhere, per address over all e-mails. */
export interface SignInLimits {
  pair: Limit;
  email: Limit;
  address: Limit;
}

/**
 * Records a sign-in attempt for this e-mail from this address if each of the three limits has room in its window;
 * the attempt counts as a failure until `forgiveSignIn` removes it (right password). Answers the attempt's id, or
 * which limit is full and when to come back.
 */
export async function reserveSignIn(
  db: Db, email: string, address: string, limits: SignInLimits,
): Promise<{ attempt: string } | { full: keyof SignInLimits; retryAfterFrom: string; limit: Limit }> {
  const id = newId();
  const since = { pair: windowStart(limits.pair), email: windowStart(limits.email), address: windowStart(limits.address) };
  // a row may leave only when it left every window that counts it
  const oldestWindow = [since.pair, since.email, since.address].sort()[0];
  const where = { pair: "email = :email AND address = :address AND at > :sincePair", email: "email = :email AND at > :sinceEmail", address: "address = :address AND at > :sinceAddress" };
  const args = {
    id, email, address, now: new Date().toISOString(), sincePair: since.pair, sinceEmail: since.email, sinceAddress: since.address,
    countPair: limits.pair.count, countEmail: limits.email.count, countAddress: limits.address.count,
  };
  const roomIn = (k: keyof SignInLimits, count: string) => `(SELECT count(*) FROM sign_in_failures WHERE ${where[k]}) < ${count}`;
  const state = (k: keyof SignInLimits, count: string) => stmt(oldestOfNewest(`(SELECT at FROM sign_in_failures WHERE ${where[k]})`).replace(":count", count), args);
  const [, inserted, pair, byEmail, byAddress] = await db.$client.batch(
    [
      stmt("DELETE FROM sign_in_failures WHERE (email = :email OR address = :address) AND at <= :oldest", { ...args, oldest: oldestWindow }),
      stmt(
        `INSERT INTO sign_in_failures (id, email, address, at) SELECT :id, :email, :address, :now
         WHERE ${roomIn("pair", ":countPair")} AND ${roomIn("email", ":countEmail")} AND ${roomIn("address", ":countAddress")}`,
        args,
      ),
      state("pair", ":countPair"),
      state("email", ":countEmail"),
      state("address", ":countAddress"),
    ],
    "write",
  );
  if (inserted.rowsAffected === 1) return { attempt: id };
  const states = { pair, email: byEmail, address: byAddress };
  // the one that frees up last decides when a try can work again
  let worst: { full: keyof SignInLimits; retryAfterFrom: string; limit: Limit; freeAt: number } | undefined;
  for (const k of ["pair", "email", "address"] as const) {
    const oldest = full(states[k], limits[k]);
    const freeAt = oldest ? Date.parse(oldest) + limits[k].seconds * 1000 : -Infinity;
    if (oldest && (!worst || freeAt > worst.freeAt)) worst = { full: k, retryAfterFrom: oldest, limit: limits[k], freeAt };
  }
  const { freeAt: _, ...answer } = worst ?? { full: "pair" as const, retryAfterFrom: args.now, limit: limits.pair, freeAt: 0 };
  return answer;
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

/** When this address already made `limit.count` accounts in the window: the oldest one's time, else undefined. */
export async function signUpsFull(db: Db, address: string, limit: Limit): Promise<string | undefined> {
  const g = guard("signUp", "'sign-up:' || :address", limit);
  return full(await db.$client.execute(stmt(g.state, { ...g.args, address })), limit);
}

/**
 * Makes the account unless this address made `limit.count` in the window (RATE_LIMIT_SIGN_UP), counted inside the
 * insert. Answers the new profile, nothing when the e-mail is taken, or when to come back.
 */
export async function signUpWithin(
  db: Db, input: { email: string; name: string; passwordHash: string }, address: string, limit: Limit,
): Promise<{ profile?: OwnProfile } | { retryAfterFrom: string }> {
  const g = guard("signUp", "'sign-up:' || :address", limit);
  const args = { ...g.args, id: newId(), email: input.email, name: input.name, hash: input.passwordHash, address, now: new Date().toISOString() };
  const [, made, , state] = await db.$client.batch(
    [
      stmt(g.prune, args),
      stmt(
        `INSERT INTO profiles (id, name, image_url, email, password_hash, created_at, updated_at)
         SELECT :id, :name, NULL, :email, :hash, :now, :now WHERE ${g.room}
         ON CONFLICT (email) DO NOTHING RETURNING id, name, image_url, email`,
        args,
      ),
      stmt(g.record, args),
      stmt(g.state, args),
    ],
    "write",
  );
  const row = made.rows[0];
  if (row) return { profile: { id: row.id as string, name: row.name as string, imageUrl: (row.image_url as string | null) ?? null, email: row.email as string } };
  const oldest = full(state, limit);
  return oldest ? { retryAfterFrom: oldest } : {};
}
