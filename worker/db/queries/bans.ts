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

/**
 * Bans (or bans again, with the new reason) and makes a current member a former member, in one transaction: a join
 * racing it either committed before (and is undone here) or sees the ban (joinByInvite checks it inside its insert),
 * so nobody ends banned and a member. Answers the ban as stored and the member id it removed, if any.
 */
export async function putBan(db: Db, serverId: string, profileId: string, reason: string | null): Promise<{ ban: Ban; removed?: string }> {
  const now = new Date().toISOString();
  const [, removed] = await db.$client.batch(
    [
      {
        sql: "INSERT INTO bans (server_id, profile_id, reason, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (server_id, profile_id) DO UPDATE SET reason = excluded.reason",
        args: [serverId, profileId, reason, now],
      },
      { sql: "UPDATE members SET left = 1, updated_at = ? WHERE server_id = ? AND profile_id = ? AND left = 0 RETURNING id", args: [now, serverId, profileId] },
    ],
    "write",
  );
  return { ban: (await findBan(db, serverId, profileId))!, removed: removed.rows[0]?.id as string | undefined };
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
