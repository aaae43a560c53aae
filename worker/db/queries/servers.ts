// Servers: create with owner and `general`, read as Server or ServerView, change, delete.
import { asc, eq } from "drizzle-orm";
import { channels, members, servers } from "../schema";
import type { Db } from "../../env";
import type { Server, ServerView } from "../../../contract";
import { RESERVED_CHANNEL } from "../../../contract";
import { newId, randomToken } from "../../ids";
import { membersOf } from "./members";

const serverColumns = {
  id: servers.id,
  name: servers.name,
  imageUrl: servers.imageUrl,
  inviteCode: servers.inviteCode,
  profileId: servers.profileId,
  createdAt: servers.createdAt,
  updatedAt: servers.updatedAt,
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
    .where(eq(members.profileId, profileId))
    .orderBy(asc(members.createdAt), asc(servers.id));
}

export async function createServer(db: Db, profileId: string, input: { name: string; imageUrl?: string | null }): Promise<string> {
  const serverId = newId();
  await db.batch([
    db.insert(servers).values({ id: serverId, name: input.name, imageUrl: input.imageUrl ?? null, inviteCode: newInviteCode(), profileId }),
    db.insert(members).values({ serverId, profileId, role: "ADMIN" }),
    db.insert(channels).values({ serverId, profileId, name: RESERVED_CHANNEL, type: "TEXT" }),
  ]);
  return serverId;
}

export async function updateServer(db: Db, serverId: string, patch: { name?: string; imageUrl?: string | null; inviteCode?: string }): Promise<Server> {
  const [row] = await db.update(servers).set(patch).where(eq(servers.id, serverId)).returning(serverColumns);
  return row;
}

export async function deleteServer(db: Db, serverId: string): Promise<Server | undefined> {
  const [row] = await db.delete(servers).where(eq(servers.id, serverId)).returning(serverColumns);
  return row;
}
