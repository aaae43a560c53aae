// Bans, kept by profile per server: an invite lets a banned person in no more.
import { and, desc, eq } from "drizzle-orm";
import { bans, profiles } from "../schema";
import type { Db } from "../client";
import type { Ban } from "../../../contract";
import { newId } from "../../ids";
import { auditSql } from "./audit";

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
export async function putBan(db: Db, serverId: string, profileId: string, reason: string | null, actorId: string): Promise<{ ban: Ban; removed?: string }> {
  const now = new Date().toISOString();
  const [, removed] = await db.$client.batch(
    [
      {
        sql: "INSERT INTO bans (server_id, profile_id, reason, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (server_id, profile_id) DO UPDATE SET reason = excluded.reason",
        args: [serverId, profileId, reason, now],
      },
      { sql: "UPDATE members SET left = 1, updated_at = ? WHERE server_id = ? AND profile_id = ? AND left = 0 RETURNING id", args: [now, serverId, profileId] },
      // the audit entry in the same transaction, with the ban's reason
      {
        sql: auditSql({ server: ":server", actor: ":actor", action: "member.ban", target: ":profile", when: "1", reason: ":reason" }),
        args: { server: serverId, actor: actorId, profile: profileId, reason, auditId: newId() },
      },
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

/** Lifts a ban; the audit log hears of it only when there was one. */
export async function liftBan(db: Db, serverId: string, profileId: string, actorId: string): Promise<void> {
  const args = { server: serverId, profile: profileId, actor: actorId, auditId: newId() };
  await db.$client.batch(
    [
      { sql: "DELETE FROM bans WHERE server_id = :server AND profile_id = :profile", args: { server: args.server, profile: args.profile } },
      { sql: auditSql({ server: ":server", actor: ":actor", action: "member.unban", target: ":profile", when: "changes() = 1" }), args },
    ],
    "write",
  );
}
