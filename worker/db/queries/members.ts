// Members: who belongs to a server, with which role, as the wire's Member shape; role changes and removals.
import { and, asc, eq, sql } from "drizzle-orm";
import { members, profiles } from "../schema";
import type { Db } from "../client";
import type { Member, Role } from "../../../contract";
import { auditInsert } from "./audit";
import type { Audit } from "./audit";

/** The columns of a Member with its public profile: never the e-mail or the password hash. */
export const memberColumns = {
  id: members.id,
  role: members.role,
  serverId: members.serverId,
  profileId: members.profileId,
  createdAt: members.createdAt,
  updatedAt: members.updatedAt,
  profile: { id: profiles.id, name: profiles.name, imageUrl: profiles.imageUrl },
  left: members.left,
};

export const roleOrder = sql`case ${members.role} when 'ADMIN' then 0 when 'MODERATOR' then 1 else 2 end`;

export const membersOf = (db: Db, serverId: string) =>
  db
    .select(memberColumns)
    .from(members)
    .innerJoin(profiles, eq(profiles.id, members.profileId))
    .where(and(eq(members.serverId, serverId), eq(members.left, false)))
    .orderBy(roleOrder, asc(members.createdAt), asc(members.id));

/** A current member of the server (former members are no one's to act on), or with `former`, any member row. */
export async function findMember(db: Db, where: { serverId: string; profileId?: string; memberId?: string; former?: boolean }): Promise<Member | undefined> {
  const [row] = await db
    .select(memberColumns)
    .from(members)
    .innerJoin(profiles, eq(profiles.id, members.profileId))
    .where(
      and(
        eq(members.serverId, where.serverId),
        where.former ? undefined : eq(members.left, false),
        where.profileId ? eq(members.profileId, where.profileId) : undefined,
        where.memberId ? eq(members.id, where.memberId) : undefined,
      ),
    )
    .limit(1);
  return row;
}

export async function setRole(db: Db, memberId: string, role: Role, audit: Audit): Promise<void> {
  await db.batch([db.update(members).set({ role }).where(eq(members.id, memberId)), auditInsert(db, audit)]);
}

/**
 * Leaving, a kick and a ban: the member becomes a former member. Their row stays, so nothing they wrote, reacted
 * or said in a conversation goes; it grants nothing until they join again (servers.ts, joinByInvite).
 */
export async function removeMember(db: Db, memberId: string, audit?: Audit): Promise<void> {
  const update = db.update(members).set({ left: true }).where(eq(members.id, memberId));
  if (audit) await db.batch([update, auditInsert(db, audit)]);
  else await update;
}
