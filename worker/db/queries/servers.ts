// Servers: create with owner and `general`, read as Server or ServerView, change, delete.
import { and, asc, count, eq } from "drizzle-orm";
import { channels, members, servers } from "../schema";
import type { Db } from "../client";
import type { InvitePreview, Server, ServerView } from "../../../contract";
import type { InviteOptions } from "../../../contract/schemas";
import { RESERVED_CHANNEL, SERVERS_PER_PERSON_MAX } from "../../../contract";
import { newId, randomToken } from "../../ids";
import { membersOf } from "./members";
import { auditInsert } from "./audit";
import type { Audit } from "./audit";

const serverColumns = {
  id: servers.id,
  name: servers.name,
  imageUrl: servers.imageUrl,
  inviteCode: servers.inviteCode,
  profileId: servers.profileId,
  createdAt: servers.createdAt,
  updatedAt: servers.updatedAt,
  inviteExpiresAt: servers.inviteExpiresAt,
  inviteMaxUses: servers.inviteMaxUses,
  inviteUses: servers.inviteUses,
};

/** Invite codes are unguessable: knowing one is what lets a person in. */
export const newInviteCode = () => randomToken(12);

export async function getServer(db: Db, serverId: string): Promise<Server | undefined> {
  const [row] = await db.select(serverColumns).from(servers).where(eq(servers.id, serverId)).limit(1);
  return row;
}

export async function getServerByInvite(db: Db, inviteCode: string): Promise<Server | undefined> {
  const [row] = await db.select(serverColumns).from(servers).where(eq(servers.inviteCode, inviteCode)).limit(1);
  return row;
}

/** The server, its channels and its members in one round trip. */
export async function getServerView(db: Db, serverId: string): Promise<ServerView | undefined> {
  const [serverRows, channelRows, memberRows] = await db.batch([
    db.select(serverColumns).from(servers).where(eq(servers.id, serverId)).limit(1),
    db.select().from(channels).where(eq(channels.serverId, serverId)).orderBy(asc(channels.createdAt), asc(channels.id)),
    membersOf(db, serverId),
  ]);
  const server = serverRows[0];
  return server && { ...server, channels: channelRows, members: memberRows };
}

export async function listServersOf(db: Db, profileId: string): Promise<Server[]> {
  return db
    .select(serverColumns)
    .from(servers)
    .innerJoin(members, eq(members.serverId, servers.id))
    .where(and(eq(members.profileId, profileId), eq(members.left, false)))
    .orderBy(asc(members.createdAt), asc(servers.id));
}

/**
 * Creates the server with its owner as ADMIN and `general`, unless the person is already in SERVERS_PER_PERSON_MAX
 * servers (undefined then): counted inside the insert, in one transaction, so racing creates cannot pass the cap.
 */
export async function createServer(db: Db, profileId: string, input: { name: string; imageUrl?: string | null }): Promise<string | undefined> {
  const args = { server: newId(), member: newId(), channel: newId(), profile: profileId, name: input.name, image: input.imageUrl ?? null, code: newInviteCode(), now: new Date().toISOString(), cap: SERVERS_PER_PERSON_MAX, general: RESERVED_CHANNEL };
  const pick = (sql: string, names: (keyof typeof args)[]) => ({ sql, args: Object.fromEntries(names.map((n) => [n, args[n]])) });
  const [made] = await db.$client.batch(
    [
      pick(
        `INSERT INTO servers (id, name, image_url, invite_code, profile_id, created_at, updated_at)
         SELECT :server, :name, :image, :code, :profile, :now, :now
         WHERE (SELECT count(*) FROM members WHERE profile_id = :profile AND left = 0) < :cap`,
        ["server", "name", "image", "code", "profile", "now", "cap"],
      ),
      // the owner and `general` come with the server, or not at all
      pick(`INSERT INTO members (id, role, profile_id, server_id, left, created_at, updated_at) SELECT :member, 'ADMIN', :profile, id, 0, :now, :now FROM servers WHERE id = :server`, ["member", "profile", "now", "server"]),
      pick(`INSERT INTO channels (id, name, type, profile_id, server_id, created_at, updated_at) SELECT :channel, :general, 'TEXT', :profile, id, :now, :now FROM servers WHERE id = :server`, ["channel", "general", "profile", "now", "server"]),
    ],
    "write",
  );
  return made.rowsAffected === 1 ? args.server : undefined;
}

/** A new invite code with its limits; the old code stops working and the use count starts again. */
export function newInvite(db: Db, serverId: string, options: InviteOptions, actorId: string): Promise<Server> {
  const expires = options.maxAgeSeconds > 0 ? new Date(Date.now() + options.maxAgeSeconds * 1000).toISOString() : null;
  const patch = { inviteCode: newInviteCode(), inviteExpiresAt: expires, inviteMaxUses: options.maxUses, inviteUses: 0 };
  return updateServer(db, serverId, patch, { serverId, actorId, action: "invite.renew", targetId: null });
}

/** Whether an invite still lets someone in at `now`. */
export const inviteOpen = (s: Pick<Server, "inviteExpiresAt" | "inviteMaxUses" | "inviteUses">, now = new Date().toISOString()) =>
  (s.inviteExpiresAt === null || s.inviteExpiresAt > now) && (s.inviteMaxUses === 0 || s.inviteUses < s.inviteMaxUses);

export type JoinResult =
  | { serverId: string; joined: boolean }
  | { refused: "unknown" | "banned" | "spent" | "too-many-servers" };

/**
 * Joins by invite in one transaction: the checks and the insert read the same state, and the use is counted only
 * when the member row was made, so two people racing for an invite's last use cannot both get in.
 */
export async function joinByInvite(db: Db, inviteCode: string, profileId: string): Promise<JoinResult> {
  const args = { code: inviteCode, profile: profileId, id: newId(), now: new Date().toISOString(), cap: SERVERS_PER_PERSON_MAX };
  const server = "(SELECT id FROM servers WHERE invite_code = :code)";
  const pick = (sql: string, names: (keyof typeof args)[]) => ({ sql, args: Object.fromEntries(names.map((n) => [n, args[n]])) });
  const [found, already, banned, count, joined] = await db.$client.batch(
    [
      pick("SELECT id FROM servers WHERE invite_code = :code", ["code"]),
      pick(`SELECT 1 FROM members WHERE server_id = ${server} AND profile_id = :profile AND left = 0`, ["code", "profile"]),
      pick(`SELECT 1 FROM bans WHERE server_id = ${server} AND profile_id = :profile`, ["code", "profile"]),
      pick("SELECT count(*) AS n FROM members WHERE profile_id = :profile AND left = 0", ["profile"]),
      // a new member row, or a former member's own row made current again (same id, GUEST): their history is theirs
      pick(
        `INSERT INTO members (id, role, profile_id, server_id, left, created_at, updated_at)
         SELECT :id, 'GUEST', :profile, s.id, 0, :now, :now FROM servers s
         WHERE s.invite_code = :code
           AND (s.invite_expires_at IS NULL OR s.invite_expires_at > :now)
           AND (s.invite_max_uses = 0 OR s.invite_uses < s.invite_max_uses)
           AND NOT EXISTS (SELECT 1 FROM bans b WHERE b.server_id = s.id AND b.profile_id = :profile)
           AND NOT EXISTS (SELECT 1 FROM members m WHERE m.server_id = s.id AND m.profile_id = :profile AND m.left = 0)
           AND (SELECT count(*) FROM members WHERE profile_id = :profile AND left = 0) < :cap
         ON CONFLICT (server_id, profile_id) DO UPDATE SET left = 0, role = 'GUEST', updated_at = excluded.updated_at`,
        ["id", "profile", "now", "code", "cap"],
      ),
      // counted only when the statement before made someone a member (changes() is that statement's row count)
      pick("UPDATE servers SET invite_uses = invite_uses + 1 WHERE invite_code = :code AND changes() = 1", ["code"]),
    ],
    "write",
  );
  const serverId = found.rows[0]?.id as string | undefined;
  if (!serverId) return { refused: "unknown" };
  if (already.rows.length) return { serverId, joined: false };
  if (banned.rows.length) return { refused: "banned" };
  if (joined.rowsAffected === 1) return { serverId, joined: true };
  if (Number(count.rows[0].n) >= SERVERS_PER_PERSON_MAX) return { refused: "too-many-servers" };
  return { refused: "spent" };
}

/** What an invite leads to, for its landing page; undefined for an unknown code. */
export async function invitePreview(db: Db, inviteCode: string, profileId: string): Promise<(InvitePreview & { open: boolean }) | undefined> {
  const server = await getServerByInvite(db, inviteCode);
  if (!server) return undefined;
  const [[{ n }], mine] = await db.batch([
    db.select({ n: count() }).from(members).where(and(eq(members.serverId, server.id), eq(members.left, false))),
    db.select({ id: members.id }).from(members).where(and(eq(members.serverId, server.id), eq(members.profileId, profileId), eq(members.left, false))).limit(1),
  ]);
  return {
    server: { id: server.id, name: server.name, imageUrl: server.imageUrl },
    memberCount: n,
    member: mine.length > 0,
    expiresAt: server.inviteExpiresAt,
    open: inviteOpen(server),
  };
}

export async function updateServer(
  db: Db,
  serverId: string,
  patch: { name?: string; imageUrl?: string | null; inviteCode?: string; inviteExpiresAt?: string | null; inviteMaxUses?: number; inviteUses?: number },
  audit: Audit,
): Promise<Server> {
  const [[row]] = await db.batch([db.update(servers).set(patch).where(eq(servers.id, serverId)).returning(serverColumns), auditInsert(db, audit)]);
  return row;
}

export async function deleteServer(db: Db, serverId: string): Promise<Server | undefined> {
  const [row] = await db.delete(servers).where(eq(servers.id, serverId)).returning(serverColumns);
  return row;
}
