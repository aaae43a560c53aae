// Rate limits. Each is counted in the database, inside the same transaction as the write it guards (a message, a
// sign-in attempt, an upload), so a limit holds for the whole deployment, across isolates and machines, costs no
// extra round trip on the hot path, and a refused request changes nothing. Settings: `<count>/<seconds>`.
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Bindings } from "./env";
import { RATE_LIMITS } from "../contract";

export interface Limit {
  count: number;
  seconds: number;
}

const parse = (raw: string): Limit | undefined => {
  const m = /^\s*(\d{1,6})\s*\/\s*(\d{1,7})\s*$/.exec(raw);
  return m && Number(m[1]) > 0 && Number(m[2]) > 0 ? { count: Number(m[1]), seconds: Number(m[2]) } : undefined;
};

const warned = new Set<string>();
/** The limit a setting names, or its default (with one warning) when the setting is not `<count>/<seconds>`. */
export function limitOf(env: Bindings, name: keyof typeof RATE_LIMITS): Limit {
  const raw = env[name];
  const parsed = raw === undefined || raw === "" ? undefined : parse(raw);
  if (raw && !parsed && !warned.has(name)) {
    warned.add(name);
    console.warn(`${name}=${JSON.stringify(raw)} is not <count>/<seconds>; using ${RATE_LIMITS[name]}`);
  }
  return parsed ?? parse(RATE_LIMITS[name])!;
}

/** The start of the window that ends now, as an ISO time (rows are compared by their ISO times). */
export const windowStart = (limit: Limit, now = Date.now()) => new Date(now - limit.seconds * 1000).toISOString();

/** Whole seconds until the oldest counted event leaves the window: at least 1. */
export const secondsUntilFree = (oldest: string, limit: Limit, now = Date.now()) =>
  Math.max(1, Math.ceil((Date.parse(oldest) + limit.seconds * 1000 - now) / 1000));

/** Refuses with 429, `Retry-After` and `{ error, retryAfter }`. */
export function tooMany(c: Context, retryAfter: number, what: string): never {
  const error = `${what}. Try again in ${retryAfter} second${retryAfter === 1 ? "" : "s"}.`;
  const res = c.json({ error, retryAfter }, 429, { "Retry-After": String(retryAfter) });
  throw new HTTPException(429, { res, message: error });
}
