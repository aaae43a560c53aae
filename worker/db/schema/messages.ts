// Channel messages, conversations and direct messages.
// `seq` is the database's own insertion order (SQLite rowid), so history never swaps two messages that share a
// millisecond; `version` is raised by the database on every create, edit and delete (see the triggers migration).
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { timestamps } from "./columns";
import { channels, members } from "./servers";

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
    ...timestamps,
  },
  (t) => [
    index("messages_channel_seq_idx").on(t.channelId, t.seq),
    index("messages_channel_version_idx").on(t.channelId, t.version),
    index("messages_member_idx").on(t.memberId),
    uniqueIndex("messages_nonce_idx").on(t.channelId, t.memberId, t.nonce),
    // the message rate limit counts a member's recent messages in the room
    index("messages_rate_idx").on(t.channelId, t.memberId, t.createdAt),
    // who may read a file: the messages that use it
    index("messages_file_idx").on(t.fileUrl),
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
    ...timestamps,
  },
  (t) => [
    index("direct_messages_conversation_seq_idx").on(t.conversationId, t.seq),
    index("direct_messages_conversation_version_idx").on(t.conversationId, t.version),
    index("direct_messages_member_idx").on(t.memberId),
    uniqueIndex("direct_messages_nonce_idx").on(t.conversationId, t.memberId, t.nonce),
    index("direct_messages_rate_idx").on(t.conversationId, t.memberId, t.createdAt),
    index("direct_messages_file_idx").on(t.fileUrl),
  ],
);

/** One row: the database-wide message version counter, raised by triggers. */
export const messageVersions = sqliteTable("message_versions", {
  id: integer("id").primaryKey(),
  value: integer("value").notNull().default(0),
});
