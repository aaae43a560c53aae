// Passkeys and their one-time challenges (worker/routes/passkeys.ts).
import { and, asc, eq, gt, lte } from "drizzle-orm";
import { passkeyChallenges, passkeys } from "../schema";
import type { Db } from "../client";
import type { Passkey } from "../../../contract";
import { randomToken } from "../../ids";

/** How long a ceremony's challenge can be answered. */
export const CHALLENGE_SECONDS = 120;

/** Keeps a challenge for one ceremony (and drops the expired ones on the way); answers its id. */
export async function keepChallenge(db: Db, challenge: string, purpose: "register" | "sign-in", profileId: string | null): Promise<string> {
  const id = randomToken(16);
  const now = new Date();
  await db.batch([
    db.delete(passkeyChallenges).where(lte(passkeyChallenges.expiresAt, now.toISOString())),
    db.insert(passkeyChallenges).values({ id, challenge, purpose, profileId, expiresAt: new Date(now.getTime() + CHALLENGE_SECONDS * 1000).toISOString() }),
  ]);
  return id;
}

/** Takes the challenge out (it is good once) if it is live and for this purpose and person; its text, or undefined. */
export async function takeChallenge(db: Db, id: string, purpose: "register" | "sign-in", profileId: string | null): Promise<string | undefined> {
  const [row] = await db
    .delete(passkeyChallenges)
    .where(and(eq(passkeyChallenges.id, id), eq(passkeyChallenges.purpose, purpose), gt(passkeyChallenges.expiresAt, new Date().toISOString())))
    .returning({ challenge: passkeyChallenges.challenge, profileId: passkeyChallenges.profileId });
  return row && row.profileId === profileId ? row.challenge : undefined;
}

const shown = { id: passkeys.id, name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt };

export const passkeysOf = (db: Db, profileId: string): Promise<Passkey[]> =>
  db.select(shown).from(passkeys).where(eq(passkeys.profileId, profileId)).orderBy(asc(passkeys.createdAt), asc(passkeys.id));

export async function findPasskey(db: Db, id: string) {
  const [row] = await db.select().from(passkeys).where(eq(passkeys.id, id)).limit(1);
  return row;
}

export async function addPasskey(db: Db, row: typeof passkeys.$inferInsert): Promise<Passkey> {
  const [made] = await db.insert(passkeys).values(row).onConflictDoNothing().returning(shown);
  return made;
}

/** After a sign-in: the authenticator's new counter, and when it was used. */
export async function passkeyUsed(db: Db, id: string, counter: number): Promise<void> {
  await db.update(passkeys).set({ counter, lastUsedAt: new Date().toISOString() }).where(eq(passkeys.id, id));
}

/** Removes one of the person's passkeys; false when they have none of that id. */
export async function removePasskey(db: Db, profileId: string, id: string): Promise<boolean> {
  const rows = await db.delete(passkeys).where(and(eq(passkeys.id, id), eq(passkeys.profileId, profileId))).returning({ id: passkeys.id });
  return rows.length > 0;
}
