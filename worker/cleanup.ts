// The hourly clean-up (a Cron Trigger, wrangler.toml [triggers]): uploads that nothing uses a day after they
// were made (no message, server or profile names their url), expired sessions and passkey challenges, and
// sign-in failures and other counted events that left their windows. Files go from R2 before their rows, so a row never points at nothing it could have kept.
import type { Bindings } from "./env";
import { getDb } from "./db/client";
import { limitOf, windowStart } from "./limits";
import type { RATE_LIMITS } from "../contract";

/** How long an upload may wait for the message (or server, or profile) it was made for. */
export const UNUSED_UPLOAD_HOURS = 24;
const BATCH = 200;

export interface CleanUpResult {
  uploads: number;
  sessions: number;
  signInFailures: number;
  rateEvents: number;
}

export async function cleanUp(env: Bindings, now = Date.now()): Promise<CleanUpResult> {
  const db = getDb(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN).$client;
  const before = new Date(now - UNUSED_UPLOAD_HOURS * 3600_000).toISOString();
  let uploads = 0;
  for (;;) {
    const rs = await db.execute({
      sql: `SELECT key FROM uploads u WHERE u.created_at < ? AND NOT EXISTS (
              SELECT 1 FROM messages WHERE file_url = '/api/files/' || u.key
              UNION ALL SELECT 1 FROM direct_messages WHERE file_url = '/api/files/' || u.key
              UNION ALL SELECT 1 FROM servers WHERE image_url = '/api/files/' || u.key
              UNION ALL SELECT 1 FROM profiles WHERE image_url = '/api/files/' || u.key) LIMIT ?`,
      args: [before, BATCH],
    });
    const keys = rs.rows.map((r) => r.key as string);
    if (keys.length === 0) break;
    if (env.FILES) await env.FILES.delete(keys);
    await db.execute({ sql: `DELETE FROM uploads WHERE key IN (${keys.map(() => "?").join(", ")})`, args: keys });
    uploads += keys.length;
    if (keys.length < BATCH) break;
  }
  // a counted row may go once it left the longest window that counts it
  const longest = (names: (keyof typeof RATE_LIMITS)[]) => names.map((n) => windowStart(limitOf(env, n), now)).sort()[0];
  const [sessions, failures, events] = await db.batch(
    [
      { sql: "DELETE FROM sessions WHERE expires_at <= ?", args: [new Date(now).toISOString()] },
      { sql: "DELETE FROM sign_in_failures WHERE at <= ?", args: [longest(["RATE_LIMIT_SIGN_IN", "RATE_LIMIT_SIGN_IN_EMAIL", "RATE_LIMIT_SIGN_IN_ADDRESS"])] },
      {
        sql: "DELETE FROM rate_events WHERE at <= ?",
        args: [longest(["RATE_LIMIT_MESSAGES_PERSON", "RATE_LIMIT_REACTIONS", "RATE_LIMIT_EDITS", "RATE_LIMIT_SIGN_UP", "RATE_LIMIT_SEARCH", "RATE_LIMIT_TICKETS"])],
      },
      { sql: "DELETE FROM passkey_challenges WHERE expires_at <= ?", args: [new Date(now).toISOString()] },
    ],
    "write",
  );
  return { uploads, sessions: sessions.rowsAffected, signInFailures: failures.rowsAffected, rateEvents: events.rowsAffected };
}
