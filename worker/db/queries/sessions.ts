// A person's sign-in sessions: the list of their devices, ending some or all of them, and when one was last seen.
import { and, desc, eq, gt, inArray, isNull, lt, ne, or } from "drizzle-orm";
import { sessions } from "../schema";
import type { Db } from "../client";
import type { Session } from "../../../contract";

/** A request shows its session at most this often to the database: a write per request would cost every call. */
export const SEEN_EVERY_MS = 60_000;

/** The person's live sessions, newest first; `current` marks the one asking. */
export async function listSessions(db: Db, profileId: string, currentId: string): Promise<Session[]> {
  const rows = await db
    .select({ id: sessions.id, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, userAgent: sessions.userAgent })
    .from(sessions)
    .where(and(eq(sessions.profileId, profileId), gt(sessions.expiresAt, new Date().toISOString())))
    .orderBy(desc(sessions.createdAt), desc(sessions.id));
  return rows.map((r) => ({ ...r, current: r.id === currentId, lastSeenAt: r.lastSeenAt ?? r.createdAt }));
}

/**
 * Ends sessions of this person and answers the ids that ended (so their rooms can be told): one (`only`), every
 * one (`all`), or every one but the one asking (`allBut`). Another person's session is never touched.
 */
export async function endSessions(db: Db, profileId: string, which: { only: string } | { all: true } | { allBut: string }): Promise<string[]> {
  const scope = "only" in which ? eq(sessions.id, which.only) : "allBut" in which ? ne(sessions.id, which.allBut) : undefined;
  const rows = await db.delete(sessions).where(and(eq(sessions.profileId, profileId), scope)).returning({ id: sessions.id });
  return rows.map((r) => r.id);
}

/** Marks the session seen now, unless it was seen within SEEN_EVERY_MS (so concurrent requests write once). */
export async function touchSession(db: Db, sessionId: string, now = new Date()): Promise<void> {
  const before = new Date(now.getTime() - SEEN_EVERY_MS).toISOString();
  await db
    .update(sessions)
    .set({ lastSeenAt: now.toISOString() })
    .where(and(eq(sessions.id, sessionId), or(isNull(sessions.lastSeenAt), lt(sessions.lastSeenAt, before))));
}

/** Of these sessions, the ones still live: a room's re-check asks it of its sockets' sessions. */
export async function liveSessionsAmong(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: sessions.id }).from(sessions).where(and(inArray(sessions.id, ids), gt(sessions.expiresAt, new Date().toISOString())));
  return new Set(rows.map((r) => r.id));
}
