// Rooms: one per channel, per conversation, and one per server for server-wide events (who is in voice).
// Who may enter one, and which rooms a removal or a deletion touches (read before the rows cascade away).
import { eq, inArray, or, sql } from "drizzle-orm";
import { channels, conversations, members } from "../schema";
import type { Db } from "../../env";

/**
 * Of these people, the ones who may enter the room: members of the channel's server, the conversation's two
 * members, members of the server (its own room), or the person whose own room it is. The one rule for tickets and for the rooms' own re-checks.
 */
export async function whoMayEnterRoom(db: Db, room: string, profileIds: string[]): Promise<Set<string>> {
  if (profileIds.length === 0) return new Set();
  const ids = sql.join(profileIds.map((id) => sql`${id}`), sql`, `);
  const rows = await db.all<{ profileId: string }>(sql`
    SELECT m.profile_id AS profileId FROM channels c JOIN members m ON m.server_id = c.server_id WHERE c.id = ${room} AND m.profile_id IN (${ids})
    UNION
    SELECT m.profile_id FROM conversations v JOIN members m ON m.id IN (v.member_one_id, v.member_two_id) WHERE v.id = ${room} AND m.profile_id IN (${ids})
    UNION
    SELECT m.profile_id FROM members m WHERE m.server_id = ${room} AND m.profile_id IN (${ids})
    UNION
    SELECT p.id FROM profiles p WHERE p.id = ${room} AND p.id IN (${ids})`);
  return new Set(rows.map((r) => r.profileId));
}

export const mayEnterRoom = async (db: Db, room: string, profileId: string) => (await whoMayEnterRoom(db, room, [profileId])).has(profileId);

/** Every room of a server: itself, its channels and the conversations between its members. */
export async function roomsOfServer(db: Db, serverId: string): Promise<string[]> {
  const memberIds = db.select({ id: members.id }).from(members).where(eq(members.serverId, serverId));
  const [chs, convs] = await db.batch([
    db.select({ id: channels.id }).from(channels).where(eq(channels.serverId, serverId)),
    db.select({ id: conversations.id }).from(conversations).where(or(inArray(conversations.memberOneId, memberIds), inArray(conversations.memberTwoId, memberIds))),
  ]);
  return [serverId, ...[...chs, ...convs].map((r) => r.id)];
}

/** The rooms one member of a server can reach: the server's, its channels' and their own conversations'. */
export async function roomsOfMember(db: Db, serverId: string, memberId: string): Promise<string[]> {
  const [chs, convs] = await db.batch([
    db.select({ id: channels.id }).from(channels).where(eq(channels.serverId, serverId)),
    db.select({ id: conversations.id }).from(conversations).where(or(eq(conversations.memberOneId, memberId), eq(conversations.memberTwoId, memberId))),
  ]);
  return [serverId, ...[...chs, ...convs].map((r) => r.id)];
}
