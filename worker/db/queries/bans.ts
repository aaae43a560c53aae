// Bans, kept by profile per server: an invite lets a banned person in no more.
import { and, desc, eq } from "drizzle-orm";
import { bans, profiles } from "../schema";
import type { Db } from "../client";
import type { Ban } from "../../../contract";

const banColumns = {
  reason: bans.reason,
  createdAt: bans.createdAt,
  profile: { id: profiles.id, name: profiles.name, imageUrl: profiles.imageUrl },
};

/** Bans (or bans again, with the new reason) and answers the ban as stored. */
export async function putBan(db: Db, serverId: string, profileId: string, reason: string | null): Promise<Ban> {
  const createdAt = new Date().toISOString();
  await db.insert(bans).values({ serverId, profileId, reason, createdAt }).onConflictDoUpdate({ target: [bans.serverId, bans.profileId], set: { reason } });
  return (await findBan(db, serverId, profileId))!;
}

export async function findBan(db: Db, serverId: string, profileId: string): Promise<Ban | undefined> {
  const [row] = await db
    .select(banColumns)
    .from(bans)
    .innerJoin(profiles, eq(profiles.id, bans.profileId))
    .where(and(eq(bans.serverId, serverId), eq(bans.profileId, profileId)))
    .limit(1);
  return row;
}

/** Newest first. */
export function bansOf(db: Db, serverId: string): Promise<Ban[]> {
  return db.select(banColumns).from(bans).innerJoin(profiles, eq(profiles.id, bans.profileId)).where(eq(bans.serverId, serverId)).orderBy(desc(bans.createdAt), desc(bans.profileId));
}

export async function liftBan(db: Db, serverId: string, profileId: string): Promise<void> {
  await db.delete(bans).where(and(eq(bans.serverId, serverId), eq(bans.profileId, profileId)));
}
