// Files uploaded to R2: who sent them, under which key, and what they are. Message fileUrls must name one of these.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { profiles } from "./profiles";

export const uploads = sqliteTable(
  "uploads",
  {
    /** the R2 object key, random and unguessable; the file's url is /api/files/<key> */
    key: text("key").primaryKey(),
    profileId: text("profile_id").notNull().references(() => profiles.id, { onDelete: "cascade" }),
    /** the uploaded name made safe */
    name: text("name").notNull(),
    /** the content type decided from the bytes */
    type: text("type").notNull(),
    size: integer("size").notNull(),
    createdAt: text("created_at").notNull().$defaultFn(() => new Date().toISOString()),
  },
  (t) => [index("uploads_profile_idx").on(t.profileId, t.createdAt)],
);
