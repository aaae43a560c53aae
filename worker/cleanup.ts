// The hourly clean-up (a Cron Trigger, wrangler.toml [triggers]): uploads that nothing uses a day after they
// were made (no message, server or profile names their url), expired sessions, and sign-in failures that left
// their window. Files go from R2 before their rows, so a row never points at nothing it could have kept.
import type { Bindings } from "./env";
import { getDb } from "./db/client";
import { limitOf, windowStart } from "./limits";

/** How long an upload may wait for the message (or server, or profile) it was made for. */
export const UNUSED_UPLOAD_HOURS = 24;
const BATCH = 200;

export interface CleanUpResult {
  uploads: number;
  sessions: number;
  signInFailures: number;
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
  const [sessions, failures] = await db.batch(
    [
      { sql: "DELETE FROM sessions WHERE expires_at <= ?", args: [new Date(now).toISOString()] },
      { sql: "DELETE FROM sign_in_failures WHERE at <= ?", args: [windowStart(limitOf(env, "RATE_LIMIT_SIGN_IN"), now)] },
    ],
    "write",
  );
  return { uploads, sessions: sessions.rowsAffected, signInFailures: failures.rowsAffected };
}
