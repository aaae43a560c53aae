// Rooms: one per channel, per conversation, and one per server for server-wide events (who is in voice).
// Who may enter one, and which rooms a removal or a deletion touches (read before the rows cascade away).
import { eq, inArray, or, sql } from "drizzle-orm";
import { channels, conversations, members } from "../schema";
import type { Db } from "../../env";

/** A member of the channel's server, one of the conversation's two members, or a member of the server. */
export async function mayEnterRoom(db: Db, room: string, profileId: string): Promise<boolean> {
  const rows = await db.all<{ ok: number }>(sql`
    SELECT 1 AS ok FROM channels c JOIN members m ON m.server_id = c.server_id WHERE c.id = ${room} AND m.profile_id = ${profileId}
    UNION ALL
    SELECT 1 FROM conversations v JOIN members m ON m.id IN (v.member_one_id, v.member_two_id) WHERE v.id = ${room} AND m.profile_id = ${profileId}
    UNION ALL
    SELECT 1 FROM members m WHERE m.server_id = ${room} AND m.profile_id = ${profileId}
    LIMIT 1`);
  return rows.length > 0;
}

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
