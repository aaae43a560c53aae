// People and their sign-in sessions.
import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { id, timestamps } from "./columns";

export const profiles = sqliteTable(
  "profiles",
  {
  id: id(),
  name: text("name").notNull(),
  imageUrl: text("image_url"),
  /** stored trimmed and lower-cased, so the unique index compares case-insensitively */
  email: text("email").notNull().unique(),
  passwordHash: text("password_hash").notNull(),
  ...timestamps,
  },
  (t) => [index("profiles_image_idx").on(t.imageUrl)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 of the token: a leaked table cannot be replayed as cookies */
    id: text("id").primaryKey(),
    profileId: text("profile_id").notNull().references(() => profiles.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    /** when a request last showed the session, to the minute or so (null: not since it was made) */
    lastSeenAt: text("last_seen_at"),
    /** the browser or client that signed in, for the person's list of devices (cut to a few hundred characters) */
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_profile_idx").on(t.profileId)],
);

/**
 * Sign-in attempts that have not succeeded, per e-mail (as typed, trimmed and lower-cased) and client address: the
 * sign-in limits count them in their windows (per e-mail and address, per e-mail, per address). An attempt is
 * written before the password is checked and removed when it was right, so concurrent attempts cannot slip past
 * the count.
 */
export const signInFailures = sqliteTable(
  "sign_in_failures",
  {
    id: id(),
    email: text("email").notNull(),
    /** the client address (CF-Connecting-IP); null for attempts made before addresses were kept */
    address: text("address"),
    at: text("at").notNull(),
  },
  (t) => [index("sign_in_failures_email_at_idx").on(t.email, t.at), index("sign_in_failures_address_at_idx").on(t.address, t.at)],
);
