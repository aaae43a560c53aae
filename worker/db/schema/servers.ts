// Servers, their members (with a role) and their channels.
import { index, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { id, timestamps } from "./columns";
import { profiles } from "./profiles";

export const servers = sqliteTable(
  "servers",
  {
    id: id(),
    name: text("name").notNull(),
    imageUrl: text("image_url"),
    inviteCode: text("invite_code").notNull().unique(),
    profileId: text("profile_id").notNull().references(() => profiles.id, { onDelete: "cascade" }),
    ...timestamps,
  },
  (t) => [index("servers_profile_idx").on(t.profileId)],
);

export const members = sqliteTable(
  "members",
  {
    id: id(),
    role: text("role", { enum: ["ADMIN", "MODERATOR", "GUEST"] }).notNull().default("GUEST"),
    profileId: text("profile_id").notNull().references(() => profiles.id, { onDelete: "cascade" }),
    serverId: text("server_id").notNull().references(() => servers.id, { onDelete: "cascade" }),
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
    ...timestamps,
  },
  (t) => [index("channels_server_idx").on(t.serverId, t.createdAt)],
);
