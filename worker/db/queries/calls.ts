// Calls: who may join a LiveKit room, and who is in which room as LiveKit's webhooks report it.
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import { callParticipants, channels, profiles } from "../schema";
import type { Db } from "../client";
import { viaChannel, viaConversation } from "./access";
import type { ChannelType, VoiceParticipants } from "../../../contract";

const CALL_TYPES: ChannelType[] = ["AUDIO", "VIDEO"];

/**
 * A room is a call the caller may join when it is an AUDIO or VIDEO channel of a server they are a member of,
 * or a conversation they are one of the two members of. One query: either half may match.
 */
export async function mayJoinCall(db: Db, roomId: string, profileId: string): Promise<boolean> {
  const rs = await db.$client.execute({
    sql: `${viaChannel("?", "= ?", { types: CALL_TYPES })} UNION ALL ${viaConversation("?", "= ?")} LIMIT 1`,
    args: [roomId, profileId, roomId, profileId],
  });
  return rs.rows.length > 0;
}

/** The server of an AUDIO or VIDEO channel, to tell its room who is in the call; undefined for any other room. */
const callServerOf = (db: Db, roomId: string) =>
  db
    .select({ serverId: channels.serverId })
    .from(channels)
    .where(and(eq(channels.id, roomId), inArray(channels.type, CALL_TYPES)))
    .limit(1);

export interface CallChange {
  /** whether the table changed (LiveKit retries, and repeats are no-ops) */
  changed: boolean;
  /** set when the room is a voice or video channel */
  serverId?: string;
}

/** Someone joined: kept only when the identity is one of our profiles (agents and egress are not people). */
export async function joinCall(db: Db, roomId: string, profileId: string, at: string): Promise<CallChange> {
  const [joined, server] = await db.batch([
    db
      .insert(callParticipants)
      .select(
        db
          .select({ roomId: sql<string>`${roomId}`.as("room_id"), profileId: profiles.id, joinedAt: sql<string>`${at}`.as("joined_at") })
          .from(profiles)
          .where(eq(profiles.id, profileId)),
      )
      .onConflictDoUpdate({
        target: [callParticipants.roomId, callParticipants.profileId],
        set: { joinedAt: sql`excluded.joined_at` },
        setWhere: sql`excluded.joined_at > ${callParticipants.joinedAt}`,
      })
      .returning({ profileId: callParticipants.profileId }),
    callServerOf(db, roomId),
  ]);
  return { changed: joined.length > 0, serverId: server[0]?.serverId };
}

/** Someone left; a `left` older than the row's join belongs to an earlier session and removes nothing. */
export async function leaveCall(db: Db, roomId: string, profileId: string, at: string): Promise<CallChange> {
  const [left, server] = await db.batch([
    db
      .delete(callParticipants)
      .where(and(eq(callParticipants.roomId, roomId), eq(callParticipants.profileId, profileId), lte(callParticipants.joinedAt, at)))
      .returning({ profileId: callParticipants.profileId }),
    callServerOf(db, roomId),
  ]);
  return { changed: left.length > 0, serverId: server[0]?.serverId };
}

/** The room ended: nobody is in it any more. */
export async function finishCall(db: Db, roomId: string): Promise<CallChange> {
  const [left, server] = await db.batch([
    db.delete(callParticipants).where(eq(callParticipants.roomId, roomId)).returning({ profileId: callParticipants.profileId }),
    callServerOf(db, roomId),
  ]);
  return { changed: left.length > 0, serverId: server[0]?.serverId };
}

/** Every AUDIO and VIDEO channel of the server with the people in it, in the order they joined (empty lists too). */
export async function participantsOf(db: Db, serverId: string): Promise<VoiceParticipants> {
  const rows = await db
    .select({ channelId: channels.id, profile: { id: profiles.id, name: profiles.name, imageUrl: profiles.imageUrl } })
    .from(channels)
    .leftJoin(callParticipants, eq(callParticipants.roomId, channels.id))
    .leftJoin(profiles, eq(profiles.id, callParticipants.profileId))
    .where(and(eq(channels.serverId, serverId), inArray(channels.type, CALL_TYPES)))
    .orderBy(asc(channels.createdAt), asc(channels.id), asc(callParticipants.joinedAt), asc(callParticipants.profileId));
  const byChannel: VoiceParticipants = {};
  for (const { channelId, profile } of rows) {
    const inCall = (byChannel[channelId] ??= []);
    if (profile) inCall.push(profile);
  }
  return byChannel;
}
