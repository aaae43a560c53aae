// Servers, their members (with a role) and their channels.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { id, timestamps } from "./columns";
import { profiles } from "./profiles";

export const servers = sqliteTable(
  "servers",
  {
    id: id(),
    name: text("name").notNull(),
    imageUrl: text("image_url"),
    inviteCode: text("invite_code").notNull().unique(),
    /** when the current code stops working (ISO), or null: never */
    inviteExpiresAt: text("invite_expires_at"),
    /** joins the current code allows, 0: no limit */
    inviteMaxUses: integer("invite_max_uses").notNull().default(0),
    /** joins through the current code */
    inviteUses: integer("invite_uses").notNull().default(0),
    profileId: text("profile_id").notNull().references(() => profiles.id, { onDelete: "cascade" }),
    ...timestamps,
  },
  (t) => [index("servers_profile_idx").on(t.profileId), index("servers_image_idx").on(t.imageUrl)],
);

export const members = sqliteTable(
  "members",
  {
    id: id(),
    role: text("role", { enum: ["ADMIN", "MODERATOR", "GUEST"] }).notNull().default("GUEST"),
    profileId: text("profile_id").notNull().references(() => profiles.id, { onDelete: "cascade" }),
    serverId: text("server_id").notNull().references(() => servers.id, { onDelete: "cascade" }),
    /**
     * A former member (left, kicked or banned): the row stays, so their messages, reactions and conversations keep
     * their author, but it grants nothing; joining again by invite makes it current again.
     */
    left: integer("left", { mode: "boolean" }).notNull().default(false),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("members_server_profile_idx").on(t.serverId, t.profileId),
    index("members_profile_idx").on(t.profileId),
  ],
);

export const channels = sqliteTable(
  "channels",
  {
    id: id(),
    name: text("name").notNull(),
    type: text("type", { enum: ["TEXT", "AUDIO", "VIDEO"] }).notNull().default("TEXT"),
    profileId: text("profile_id").notNull().references(() => profiles.id, { onDelete: "cascade" }),
    serverId: text("server_id").notNull().references(() => servers.id, { onDelete: "cascade" }),
    /** how long a GUEST waits between two messages here, 0: no slowmode */
    slowmodeSeconds: integer("slowmode_seconds").notNull().default(0),
    ...timestamps,
  },
  (t) => [index("channels_server_idx").on(t.serverId, t.createdAt)],
);

/** People banned from a server, by profile: an invite lets them in no more until an ADMIN lifts the ban. */
export const bans = sqliteTable(
  "bans",
  {
    serverId: text("server_id").notNull().references(() => servers.id, { onDelete: "cascade" }),
    profileId: text("profile_id").notNull().references(() => profiles.id, { onDelete: "cascade" }),
    reason: text("reason"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.serverId, t.profileId] }), index("bans_server_created_idx").on(t.serverId, t.createdAt)],
);
