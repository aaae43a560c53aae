// Conversations: one per pair of members, found or made without a read-then-write race.
import { and, eq, inArray, or } from "drizzle-orm";
import { conversations, members, profiles } from "../schema";
import type { Db } from "../client";
import type { Conversation, Member } from "../../../contract";
import { newId } from "../../ids";
import { memberColumns } from "./members";

export async function getConversation(db: Db, conversationId: string): Promise<Conversation | undefined> {
  const sides = (column: typeof conversations.memberOneId | typeof conversations.memberTwoId) =>
    db.select({ id: column }).from(conversations).where(eq(conversations.id, conversationId));
  const [rows, people] = await db.batch([
    db.select().from(conversations).where(eq(conversations.id, conversationId)).limit(1),
    db
      .select(memberColumns)
      .from(members)
      .innerJoin(profiles, eq(profiles.id, members.profileId))
      .where(or(inArray(members.id, sides(conversations.memberOneId)), inArray(members.id, sides(conversations.memberTwoId)))),
  ]);
  const row = rows[0];
  if (!row) return undefined;
  const byId = (id: string) => people.find((m) => m.id === id)!;
  return { id: row.id, memberOne: byId(row.memberOneId), memberTwo: byId(row.memberTwoId) };
}

/** The conversation of the two members, if they have one. */
export async function findConversation(db: Db, a: Member, b: Member): Promise<Conversation | undefined> {
  const [one, two] = a.id < b.id ? [a.id, b.id] : [b.id, a.id];
  const [row] = await db.select({ id: conversations.id }).from(conversations).where(and(eq(conversations.memberOneId, one), eq(conversations.memberTwoId, two))).limit(1);
  return row && getConversation(db, row.id);
}

/** Returns the conversation of the two members and whether this call made it. */
export async function getOrCreateConversation(db: Db, a: Member, b: Member): Promise<{ conversation: Conversation; created: boolean }> {
  const [one, two] = a.id < b.id ? [a.id, b.id] : [b.id, a.id];
  const id = newId();
  const [, existing] = await db.batch([
    db.insert(conversations).values({ id, memberOneId: one, memberTwoId: two }).onConflictDoNothing(),
    db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.memberOneId, one), eq(conversations.memberTwoId, two))),
  ]);
  const conversationId = existing[0]?.id ?? id;
  return { conversation: (await getConversation(db, conversationId))!, created: conversationId === id };
}
