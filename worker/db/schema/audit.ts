// The audit log (what ADMINs and MODERATORs did in a server, written in the same transaction as the change itself),
// notification levels, and the link-preview cache.
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { profiles } from "./profiles";
import { servers } from "./servers";

export const auditLog = sqliteTable(
  "audit_log",
  {
    /** the order entries were written in: newest first is seq descending */
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    id: text("id").notNull().unique(),
    serverId: text("server_id").notNull().references(() => servers.id, { onDelete: "cascade" }),
    /** `member.kick`, `channel.update`, … (contract AuditAction) */
    action: text("action").notNull(),
    actorId: text("actor_id").notNull().references(() => profiles.id, { onDelete: "cascade" }),
    /** the member, profile, channel or message acted on; no foreign key: a deleted channel stays named */
    targetId: text("target_id"),
    reason: text("reason"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("audit_log_server_idx").on(t.serverId, t.seq)],
);

/** A person's notification level for a channel, a conversation or a whole server (`roomId`), when not the default. */
export const notificationSettings = sqliteTable(
  "notification_settings",
  {
    profileId: text("profile_id").notNull().references(() => profiles.id, { onDelete: "cascade" }),
    roomId: text("room_id").notNull(),
    level: text("level", { enum: ["all", "mentions", "none"] }).notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.profileId, t.roomId] })],
);

/**
 * Link previews by url, so a link posted a hundred times is fetched once: `embed` is the Embed as JSON, or null when
 * the link gave no preview (refused, not HTML, too slow); either is kept for a while (worker/previews).
 */
export const linkPreviews = sqliteTable(
  "link_previews",
  {
    url: text("url").primaryKey(),
    embed: text("embed"),
    fetchedAt: text("fetched_at").notNull(),
    /** the preview's image as kept in FILES (its key, type decided by its bytes, size), or null */
    imageKey: text("image_key"),
    imageType: text("image_type"),
    imageSize: integer("image_size"),
  },
  (t) => [index("link_previews_image_idx").on(t.imageKey)],
);

/**
 * Which messages show which preview image, so the image is served to whoever may read such a message and to no one
 * else, as an upload is. No foreign key: the message is in either table; a row whose message no longer shows the
 * image (an edit, a delete) grants nothing (worker/previews/store.ts checks the message's embeds).
 */
export const embedImages = sqliteTable(
  "embed_images",
  {
    messageId: text("message_id").notNull(),
    imageKey: text("image_key").notNull(),
    imageType: text("image_type").notNull(),
    imageSize: integer("image_size").notNull(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.imageKey] }), index("embed_images_key_idx").on(t.imageKey)],
);
