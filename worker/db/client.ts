// A libSQL client per request. Workers forbid one request's I/O from being finished by another, and
// @libsql/client queues statements past 20 in flight: a client shared by the isolate would let a queued
// statement start inside another request, which the runtime cancels. Creating one is cheap (it talks HTTP,
// and the runtime pools the connections underneath).
import { createClient } from "@libsql/client/web";
import type { Client, InStatement, TransactionMode } from "@libsql/client/web";
import { drizzle } from "drizzle-orm/libsql/web";
import type { LibSQLDatabase } from "drizzle-orm/libsql";
import * as schema from "./schema";

/** drizzle for most queries; `$client` for the few hot paths written as one SQL batch */
export type Db = LibSQLDatabase<typeof schema> & { $client: Client };

/** A database that does not answer within this long is taken as unreachable (503), never waited on forever. */
export const DB_TIMEOUT_MS = 4000;

const fetchWithTimeout = (input: RequestInfo | URL, init?: RequestInit) =>
  fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(DB_TIMEOUT_MS)]) : AbortSignal.timeout(DB_TIMEOUT_MS) });

export function getDb(url: string, authToken?: string): Db {
  const client = createClient({ url, authToken, fetch: fetchWithTimeout });
  const batch = client.batch.bind(client);
  client.batch = ((statements: InStatement[], mode?: TransactionMode) =>
    whenNotBusy(() => batch(statements, mode && mode !== "deferred" ? mode : modeFor(statements)))) as typeof client.batch;
  return drizzle(client, { schema });
}

/**
 * The transaction a batch needs, when its caller did not say (drizzle's `db.batch` never does, and the client would
 * take "deferred"): "read" when every statement is a SELECT, else "write", which takes the write lock at BEGIN. A
 * deferred transaction that reads and then writes must upgrade its lock halfway, where it can be refused as busy
 * after doing work, or wait on another connection that waits on it: sqld has deadlocked on that upgrade.
 */
export function modeFor(statements: InStatement[]): TransactionMode {
  const sqlOf = (s: InStatement) => (typeof s === "string" ? s : s.sql);
  return statements.every((s) => /^\s*select\b/i.test(sqlOf(s))) ? "read" : "write";
}

const BUSY = /SQLITE_BUSY|database is locked|DbCreateTimeout/i;
const isBusy = (err: unknown) => {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { message = "", code = "" } = e as { message?: string; code?: string };
    if (BUSY.test(`${code} ${message}`)) return true;
  }
  return false;
};

/**
 * Runs a batch again when the database answered "busy" (another writer held the lock, or no connection was free):
 * a batch is one transaction, so a refused one wrote nothing and may simply be sent again. A few tries with a
 * growing, jittered pause, within the same budget a request has; then the last "busy" stands (a 503).
 */
export async function whenNotBusy<T>(run: () => Promise<T>, budgetMs = DB_TIMEOUT_MS, pause = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<T> {
  const until = Date.now() + budgetMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      const wait = Math.min(200, 10 * 2 ** attempt) * (0.5 + Math.random());
      if (!isBusy(err) || attempt >= 6 || Date.now() + wait >= until) throw err;
      await pause(wait);
    }
  }
}

/**
 * Whether an error says the database could not be reached or cannot take more now (refused, reset, timed out,
 * busy, a 429 or a 5xx from it), as opposed to a bug: the first is a 503 the client may retry, the second a 500.
 */
export function isDatabaseUnreachable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { name = "", message = "", code = "" } = e as { name?: string; message?: string; code?: string };
    if (name === "TimeoutError" || name === "AbortError") return true;
    if (/HRANA_WEBSOCKET_ERROR|SERVER_ERROR|HTTP_ERROR|CONNECTION|ECONNREFUSED|ECONNRESET/i.test(code)) return true;
    if (/fetch failed|network connection lost|connection refused|connect ECONNREFUSED|Server returned HTTP status (5\d\d|429)|timed out|Failed to connect/i.test(message)) return true;
    // an overloaded database: busy, or out of connections for now
    if (/SQLITE_BUSY|DbCreateTimeout|database is locked/i.test(`${code} ${message}`)) return true;
  }
  return false;
}
