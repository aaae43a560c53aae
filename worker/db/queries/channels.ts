// Channels of a server.
import { and, eq } from "drizzle-orm";
import { channels } from "../schema";
import type { Db } from "../client";
import type { Channel, ChannelType } from "../../../contract";
import { CHANNELS_PER_SERVER_MAX } from "../../../contract";
import { newId } from "../../ids";
import { auditInsert, auditSql } from "./audit";

export async function findChannel(db: Db, channelId: string, serverId?: string): Promise<Channel | undefined> {
  const [row] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.id, channelId), serverId ? eq(channels.serverId, serverId) : undefined))
    .limit(1);
  return row;
}

/**
 * Adds the channel unless the server has CHANNELS_PER_SERVER_MAX already (false then): counted inside the insert,
 * so racing creates cannot pass the cap. The audit entry is written in the same batch, when the channel was made.
 */
export async function createChannel(db: Db, values: { serverId: string; profileId: string; name: string; type: ChannelType }): Promise<boolean> {
  const now = new Date().toISOString();
  const id = newId();
  const [rs] = await db.$client.batch(
    [
      {
        sql: `INSERT INTO channels (id, name, type, profile_id, server_id, created_at, updated_at)
              SELECT :id, :name, :type, :profile, :server, :now, :now WHERE (SELECT count(*) FROM channels WHERE server_id = :server) < :cap`,
        args: { id, name: values.name, type: values.type, profile: values.profileId, server: values.serverId, now, cap: CHANNELS_PER_SERVER_MAX },
      },
      {
        sql: auditSql({ server: ":server", actor: ":profile", action: "channel.create", target: ":id", when: "changes() = 1" }),
        args: { server: values.serverId, profile: values.profileId, id, auditId: newId() },
      },
    ],
    "write",
  );
  return rs.rowsAffected === 1;
}

export async function updateChannel(db: Db, channel: Channel, patch: { name?: string; type?: ChannelType; slowmodeSeconds?: number }, actorId: string): Promise<void> {
  await db.batch([
    db.update(channels).set(patch).where(eq(channels.id, channel.id)),
    auditInsert(db, { serverId: channel.serverId, actorId, action: "channel.update", targetId: channel.id }),
  ]);
}

export async function deleteChannel(db: Db, channel: Channel, actorId: string): Promise<void> {
  await db.batch([
    db.delete(channels).where(eq(channels.id, channel.id)),
    auditInsert(db, { serverId: channel.serverId, actorId, action: "channel.delete", targetId: channel.id }),
  ]);
}

