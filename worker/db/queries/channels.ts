// Channels of a server.
import { and, count, eq } from "drizzle-orm";
import { channels } from "../schema";
import type { Db } from "../client";
import type { Channel, ChannelType } from "../../../contract";

export async function findChannel(db: Db, channelId: string, serverId?: string): Promise<Channel | undefined> {
  const [row] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.id, channelId), serverId ? eq(channels.serverId, serverId) : undefined))
    .limit(1);
  return row;
}

export async function createChannel(db: Db, values: { serverId: string; profileId: string; name: string; type: ChannelType }): Promise<void> {
  await db.insert(channels).values(values);
}

export async function updateChannel(db: Db, channelId: string, patch: { name?: string; type?: ChannelType }): Promise<void> {
  await db.update(channels).set(patch).where(eq(channels.id, channelId));
}

export async function deleteChannel(db: Db, channelId: string): Promise<void> {
  await db.delete(channels).where(eq(channels.id, channelId));
}

export async function channelCountOf(db: Db, serverId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(channels).where(eq(channels.serverId, serverId));
  return row.n;
}
