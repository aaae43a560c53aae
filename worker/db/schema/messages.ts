// Channel messages, conversations and direct messages.
// `seq` is the database's own insertion order (SQLite rowid), so history never swaps two messages that share a
// millisecond; `version` is raised by the database on every create, edit and delete (see the triggers migration).
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { timestamps } from "./columns";
import { channels, members } from "./servers";
import { profiles } from "./profiles";

/**
 * What a message says beyond its text: the message it answers (same room; no foreign key, the original is only ever
 * soft-deleted), the current members its `<@memberId>` mentions name (a JSON array, in order of first appearance)
 * and whether `@everyone` counted.
 */
/**
 * A message that mentions anyone: the WHERE of the partial indexes the read states' mention counts use. The count
 * repeats it as written (worker/db/queries/read-states.ts), which is how SQLite knows the index applies.
 */
export const MENTIONING = "mention_everyone = 1 OR mentions <> '[]'";

const conversationColumns = () => ({
  replyToId: text("reply_to_id"),
  mentions: text("mentions").notNull().default("[]"),
  mentionEveryone: integer("mention_everyone", { mode: "boolean" }).notNull().default(false),
  /** when it was pinned (ISO), or null; the pins list is latest pinned first */
  pinnedAt: text("pinned_at"),
  /** its link previews, a JSON array of Embed, filled after the answer (worker/previews) */
  embeds: text("embeds").notNull().default("[]"),
});

export const messages = sqliteTable(
  "messages",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    id: text("id").notNull().unique(),
    content: text("content").notNull(),
    fileUrl: text("file_url"),
    deleted: integer("deleted", { mode: "boolean" }).notNull().default(false),
    channelId: text("channel_id").notNull().references(() => channels.id, { onDelete: "cascade" }),
    memberId: text("member_id").notNull().references(() => members.id, { onDelete: "cascade" }),
    nonce: text("nonce"),
    version: integer("version").notNull().default(0),
    ...conversationColumns(),
    ...timestamps,
  },
  (t) => [
    index("messages_channel_seq_idx").on(t.channelId, t.seq),
    // the read states' mention counts look only at messages that mention someone
    index("messages_mentioning_idx").on(t.channelId, t.seq).where(sql.raw(MENTIONING)),
    index("messages_channel_version_idx").on(t.channelId, t.version),
    index("messages_member_idx").on(t.memberId),
    uniqueIndex("messages_nonce_idx").on(t.channelId, t.memberId, t.nonce),
    // the message rate limit counts a member's recent messages in the room
    index("messages_rate_idx").on(t.channelId, t.memberId, t.createdAt),
    // who may read a file: the messages that use it
    index("messages_file_idx").on(t.fileUrl),
    // the pins list and the 50-pin cap look only at pinned messages
    index("messages_pinned_idx").on(t.channelId, t.pinnedAt).where(sql`pinned_at IS NOT NULL`),
  ],
);

export const conversations = sqliteTable(
  "conversations",
  {
    id: text("id").primaryKey(),
    /** the two members in id order, so one pair has exactly one row even when two requests race */
    memberOneId: text("member_one_id").notNull().references(() => members.id, { onDelete: "cascade" }),
    memberTwoId: text("member_two_id").notNull().references(() => members.id, { onDelete: "cascade" }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("conversations_pair_idx").on(t.memberOneId, t.memberTwoId),
    index("conversations_member_two_idx").on(t.memberTwoId),
  ],
);

export const directMessages = sqliteTable(
  "direct_messages",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    id: text("id").notNull().unique(),
    content: text("content").notNull(),
    fileUrl: text("file_url"),
    deleted: integer("deleted", { mode: "boolean" }).notNull().default(false),
    conversationId: text("conversation_id").notNull().references(() => conversations.id, { onDelete: "cascade" }),
    memberId: text("member_id").notNull().references(() => members.id, { onDelete: "cascade" }),
    nonce: text("nonce"),
    version: integer("version").notNull().default(0),
    ...conversationColumns(),
    ...timestamps,
  },
  (t) => [
    index("direct_messages_conversation_seq_idx").on(t.conversationId, t.seq),
    index("direct_messages_mentioning_idx").on(t.conversationId, t.seq).where(sql.raw(MENTIONING)),
    index("direct_messages_conversation_version_idx").on(t.conversationId, t.version),
    index("direct_messages_member_idx").on(t.memberId),
    uniqueIndex("direct_messages_nonce_idx").on(t.conversationId, t.memberId, t.nonce),
    index("direct_messages_rate_idx").on(t.conversationId, t.memberId, t.createdAt),
    index("direct_messages_file_idx").on(t.fileUrl),
    index("direct_messages_pinned_idx").on(t.conversationId, t.pinnedAt).where(sql`pinned_at IS NOT NULL`),
  ],
);

/** One row: the database-wide message version counter, raised by triggers. */
export const messageVersions = sqliteTable("message_versions", {
  id: integer("id").primaryKey(),
  value: integer("value").notNull().default(0),
});

/**
 * One person's reaction with one emoji to one message. `seq` orders a message's emoji by their first reaction; the
 * database raises the message's `version` when a row comes or goes (triggers, migration 0007), so catch-up brings it.
 */
const reactionTable = <T extends "message_reactions" | "direct_message_reactions">(name: T, target: typeof messages | typeof directMessages) =>
  sqliteTable(
    name,
    {
      seq: integer("seq").primaryKey({ autoIncrement: true }),
      messageId: text("message_id").notNull().references(() => target.id, { onDelete: "cascade" }),
      emoji: text("emoji").notNull(),
      memberId: text("member_id").notNull().references(() => members.id, { onDelete: "cascade" }),
      createdAt: text("created_at").notNull(),
    },
    (t) => [uniqueIndex(`${name}_one_idx`).on(t.messageId, t.emoji, t.memberId)],
  );

export const messageReactions = reactionTable("message_reactions", messages);
export const directMessageReactions = reactionTable("direct_message_reactions", directMessages);

/**
 * How far a person has read a channel or a conversation (`roomId`): the last message they read, by its id and its
 * `seq` in its table, so "never moves back" and "unread after it" are comparisons of one number.
 */
export const readStates = sqliteTable(
  "read_states",
  {
    profileId: text("profile_id").notNull().references(() => profiles.id, { onDelete: "cascade" }),
    roomId: text("room_id").notNull(),
    lastReadSeq: integer("last_read_seq").notNull(),
    lastReadMessageId: text("last_read_message_id").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.profileId, t.roomId] })],
);
