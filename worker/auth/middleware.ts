// Who is calling: a bearer token (API clients) or the session cookie (browsers), and the cookie's CSRF guard.
import { createMiddleware } from "hono/factory";
import { getCookie } from "hono/cookie";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { fail } from "../errors";
import { findSession, hashToken, isLoopbackHost, SESSION_COOKIE } from "./session";
import { SEEN_EVERY_MS, touchSession } from "../db/queries/sessions";
import { HTTPException } from "hono/http-exception";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A browser write is ours when its Origin is the origin it was sent to — scheme, host and port alike, so
 * http://host or another port of the same host is foreign — or one the deployment allows.
 */
export function isForeignOrigin(c: Context<AppEnv>): boolean {
  const origin = c.req.header("origin");
  if (!origin || SAFE_METHODS.has(c.req.method)) return false;
  let theirs: string;
  try {
    theirs = new URL(origin).origin;
  } catch {
    return true;
  }
  const url = new URL(c.req.url);
  const scheme = isLoopbackHost(c.req.header("host") ?? url.host) ? "http:" : url.protocol;
  if (theirs === ownOrigin(c) || theirs === originOf(`${scheme}//${url.host}`)) return false;
  const allowed = (c.env.ALLOWED_ORIGINS ?? "").split(",").map((o) => originOf(o.trim())).filter(Boolean);
  return !allowed.includes(theirs);
}

/**
 * The origin the browser sent this request to: the Host header (behind the Vite dev server's proxy, which keeps it,
 * the browser's own) with the request's scheme, but http on a loopback host, where the dev servers speak plain
 * HTTP (and wrangler dev hands the worker an https url even so).
 */
export function ownOrigin(c: Context): string {
  const url = new URL(c.req.url);
  const host = c.req.header("host") ?? url.host;
  return originOf(`${isLoopbackHost(host) ? "http:" : url.protocol}//${host}`);
}

/** `scheme://host[:port]` as browsers send it (a default port left out), or "" for no URL. */
const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return "";
  }
};

/** Longer than any token we issue: refused without asking the database. */
export const TOKEN_MAX = 128;

/** The session token a request carries: `Authorization: Bearer …` first, else the session cookie. */
export function readToken(c: Context): { token?: string; bearer: boolean } {
  const bearer = c.req.header("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return { token: bearer ?? getCookie(c, SESSION_COOKIE), bearer: bearer !== undefined };
}

export const requireSession = createMiddleware<AppEnv>(async (c, next) => {
  const { token, bearer } = readToken(c);
  if (!token) fail(401, "Sign in first");
  const found = token && token.length <= TOKEN_MAX ? await findSession(c.var.db, token) : undefined;
  if (!found) fail(401, "Your session has expired or is not valid; sign in again");
  const cookieAuth = !bearer;
  if (cookieAuth && isForeignOrigin(c)) fail(403, "Cross-site request refused");
  c.set("profile", found!.profile);
  c.set("sessionId", found!.sessionId);
  c.set("cookieAuth", cookieAuth);
  // the list of devices says when each was last seen: written after the answer, and at most once a minute
  if (Date.now() - Date.parse(found!.seenAt) > SEEN_EVERY_MS) {
    c.executionCtx.waitUntil(touchSession(c.var.db, found!.sessionId).catch((err: Error) => console.warn("session not marked seen:", err.message)));
  }
  await next();
});

/** The hot paths (post, history, catch-up) carry the hash of the caller's session token instead of a profile. */
export type HotEnv = { Bindings: AppEnv["Bindings"]; Variables: AppEnv["Variables"] & { sessionHash?: string } };

/**
 * requireSession costs a database round trip of its own; on the hot paths the session is checked inside the
 * operation's batch instead (LIVE_SESSION in ./session.ts, used by db/queries/messages.ts). The answers stay those
 * of requireSession, in its order: no token, an over-long one or a foreign-origin cookie write goes through
 * requireSession itself, and a request refused before the database was asked (400) asks requireSession first, so
 * without a live session it is still 401.
 */
export const sessionInBatch = createMiddleware<HotEnv>(async (c, next) => {
  const { token, bearer } = readToken(c);
  if (!token || token.length > TOKEN_MAX || (!bearer && isForeignOrigin(c))) return requireSession(c, next);
  c.set("sessionHash", await hashToken(token));
  await next();
  if (c.error instanceof HTTPException && c.error.status === 400) await requireSession(c, async () => {});
});

/** The batch found no live session: requireSession gives its own 401. */
export const noSession = (c: Context<HotEnv>) => requireSession(c, async () => fail(401, "Your session has expired or is not valid; sign in again"));
