// Passkeys (WebAuthn credentials) people sign in with beside their password, and the one-time challenges of the
// ceremonies that add one or sign in with one (worker/routes/passkeys.ts).
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { profiles } from "./profiles";

export const passkeys = sqliteTable(
  "passkeys",
  {
    /** the credential id, base64url, as the authenticator made it */
    id: text("id").primaryKey(),
    profileId: text("profile_id").notNull().references(() => profiles.id, { onDelete: "cascade" }),
    /** the COSE public key, base64url */
    publicKey: text("public_key").notNull(),
    /** the authenticator's signature counter (0 for authenticators that keep none) */
    counter: integer("counter").notNull().default(0),
    /** the transports the browser reported, JSON */
    transports: text("transports"),
    name: text("name").notNull(),
    createdAt: text("created_at").notNull(),
    lastUsedAt: text("last_used_at"),
  },
  (t) => [index("passkeys_profile_idx").on(t.profileId)],
);

/**
 * A challenge handed out for one ceremony: used once (taken out as it is checked) and only until `expiresAt`.
 * `profileId` is the person adding a passkey; null for a sign-in, where nobody is known yet.
 */
export const passkeyChallenges = sqliteTable(
  "passkey_challenges",
  {
    id: text("id").primaryKey(),
    challenge: text("challenge").notNull(),
    purpose: text("purpose", { enum: ["register", "sign-in"] }).notNull(),
    profileId: text("profile_id").references(() => profiles.id, { onDelete: "cascade" }),
    expiresAt: text("expires_at").notNull(),
  },
  (t) => [index("passkey_challenges_expires_idx").on(t.expiresAt)],
);
