// Which rooms (channel ids and conversation ids) a removal or a deletion touches, read before the rows cascade away.
import { eq, inArray, or } from "drizzle-orm";
import { channels, conversations, members } from "../schema";
import type { Db } from "../../env";

/** Every room of a server: its channels and the conversations between its members. */
export async function roomsOfServer(db: Db, serverId: string): Promise<string[]> {
  const memberIds = db.select({ id: members.id }).from(members).where(eq(members.serverId, serverId));
  const [chs, convs] = await db.batch([
    db.select({ id: channels.id }).from(channels).where(eq(channels.serverId, serverId)),
    db.select({ id: conversations.id }).from(conversations).where(or(inArray(conversations.memberOneId, memberIds), inArray(conversations.memberTwoId, memberIds))),
  ]);
  return [...chs, ...convs].map((r) => r.id);
}

/** The rooms one member of a server can reach: the server's channels and their own conversations. */
export async function roomsOfMember(db: Db, serverId: string, memberId: string): Promise<string[]> {
  const [chs, convs] = await db.batch([
    db.select({ id: channels.id }).from(channels).where(eq(channels.serverId, serverId)),
    db.select({ id: conversations.id }).from(conversations).where(or(eq(conversations.memberOneId, memberId), eq(conversations.memberTwoId, memberId))),
  ]);
  return [...chs, ...convs].map((r) => r.id);
}
