// People and their sign-in sessions.
import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { id, timestamps } from "./columns";

export const profiles = sqliteTable("profiles", {
  id: id(),
  name: text("name").notNull(),
  imageUrl: text("image_url"),
  /** stored trimmed and lower-cased, so the unique index compares case-insensitively */
  email: text("email").notNull().unique(),
  passwordHash: text("password_hash").notNull(),
  ...timestamps,
});

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 of the token: a leaked table cannot be replayed as cookies */
    id: text("id").primaryKey(),
    profileId: text("profile_id").notNull().references(() => profiles.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
  },
  (t) => [index("sessions_profile_idx").on(t.profileId)],
);
