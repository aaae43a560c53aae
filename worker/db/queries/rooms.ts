// Rooms: one per channel, per conversation, and one per server for server-wide events (who is in voice).
// Who may enter one, and which rooms a removal or a deletion touches (read before the rows cascade away).
import { eq, inArray, or } from "drizzle-orm";
import { channels, conversations, members } from "../schema";
import type { Db } from "../client";
import type { RoomKindName } from "../../../contract";
import { viaChannel, viaConversation, viaSelf, viaServer } from "./access";

/**
 * Of these people, the ones who may enter the room: members of the channel's server, the conversation's two
 * members, members of the server (its own room), or the person whose own room it is. The one rule for tickets and for the rooms' own re-checks.
 */
export async function whoMayEnterRoom(db: Db, room: string, profileIds: string[]): Promise<Set<string>> {
  if (profileIds.length === 0) return new Set();
  const who = `IN (${profileIds.map(() => "?").join(", ")})`;
  const rules = [viaChannel("?", who), viaConversation("?", who), viaServer("?", who), viaSelf("?", who)];
  const rs = await db.$client.execute({
    sql: rules.map((rule) => `SELECT profile_id FROM (${rule})`).join(" UNION "),
    args: rules.flatMap(() => [room, ...profileIds]),
  });
  return new Set(rs.rows.map((r) => r.profile_id as string));
}

/**
 * The same rule for one person, in one query, saying also through which kind of room they enter and as which member
 * (null in their own room): what a ticket carries, so the room needs no query of its own to know it.
 */
export async function roomEntry(db: Db, room: string, profileId: string): Promise<{ kind: RoomKindName; memberId: string | null } | undefined> {
  const rules: [RoomKindName, string][] = [
    ["channel", viaChannel("?", "= ?")],
    ["conversation", viaConversation("?", "= ?")],
    ["server", viaServer("?", "= ?")],
    ["self", viaSelf("?", "= ?")],
  ];
  const rs = await db.$client.execute({
    sql: `${rules.map(([kind, rule]) => `SELECT '${kind}' AS kind, id AS member_id FROM (${rule})`).join(" UNION ALL ")} LIMIT 1`,
    args: rules.flatMap(() => [room, profileId]),
  });
  const row = rs.rows[0];
  return row ? { kind: row.kind as RoomKindName, memberId: (row.member_id as string | null) ?? null } : undefined;
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

/** The rooms one member of a server can reach: the server's and its channels' (`shared`), and their own conversations'. */
export async function roomsOfMember(db: Db, serverId: string, memberId: string): Promise<{ shared: string[]; conversations: string[] }> {
  const [chs, convs] = await db.batch([
    db.select({ id: channels.id }).from(channels).where(eq(channels.serverId, serverId)),
    db.select({ id: conversations.id }).from(conversations).where(or(eq(conversations.memberOneId, memberId), eq(conversations.memberTwoId, memberId))),
  ]);
  return { shared: [serverId, ...chs.map((r) => r.id)], conversations: convs.map((r) => r.id) };
}

/**
 * Every room a person can be in now: their own, and the server's, channels' and conversations' rooms of the servers
 * they are a current member of. A session that ends is put out of these (a former member's rooms put them out already).
 */
export async function roomsOfProfile(db: Db, profileId: string): Promise<string[]> {
  const rs = await db.$client.execute({
    sql: `SELECT m.server_id AS id FROM members m WHERE m.profile_id = :p AND m.left = 0
          UNION SELECT c.id FROM channels c JOIN members m ON m.server_id = c.server_id WHERE m.profile_id = :p AND m.left = 0
          UNION SELECT v.id FROM conversations v JOIN members m ON m.id IN (v.member_one_id, v.member_two_id) WHERE m.profile_id = :p AND m.left = 0`,
    args: { p: profileId },
  });
  return [profileId, ...rs.rows.map((r) => r.id as string)];
}
