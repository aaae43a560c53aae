// What every hand-written batch shares: the database's clock, statements that carry only their own arguments, and
// the live-session lookup that lets a hot path check the session inside its own batch.
import type { InStatement } from "@libsql/client/web";

export type Args = Record<string, string | number | null>;

/**
 * The database's clock, inside the write, as an ISO time like JavaScript's: SQLite runs writes one at a time, so
 * history order and createdAt order agree, whatever the clocks of the workers that sent them.
 */
export const DB_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/** sqld refuses named arguments a statement does not use, so each statement gets exactly its own. */
export function stmt(sql: string, args: Args): InStatement {
  const used = new Set(Array.from(sql.matchAll(/:(\w+)/g), (m) => m[1]));
  return { sql, args: Object.fromEntries(Object.entries(args).filter(([k]) => used.has(k))) };
}

/**
 * The profile of the live session whose token hashes to `:session` (`:sessionNow` is the time now), as SQL: the hot
 * paths check the session inside their own batch (messages.ts, read-states.ts, search.ts).
 */
export const SESSION_PROFILE = "(SELECT s.profile_id FROM sessions s WHERE s.id = :session AND s.expires_at > :sessionNow)";
