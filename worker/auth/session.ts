// Sessions: a random token goes to the client; only its SHA-256 is stored.
import { and, eq, gt } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { profiles, sessions } from "../db/schema";
import type { Db } from "../db/client";
import { randomToken } from "../ids";
import { base64url } from "../../contract/base64url";
import { SESSION_DAYS } from "../../contract";
import type { OwnProfile } from "../../contract";

export const SESSION_COOKIE = "session";

export async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return base64url(new Uint8Array(digest));
}

/** The part of a User-Agent kept for the list of devices: enough to tell browsers apart. */
const USER_AGENT_MAX = 256;

export async function createSession(db: Db, profileId: string, userAgent?: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await db.insert(sessions).values({
    id: await hashToken(token),
    profileId,
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
    userAgent: userAgent?.slice(0, USER_AGENT_MAX) || null,
  });
  return { token, expiresAt };
}

/** The session's id (its token's hash, also its id in the list of devices), its profile, and when it was last seen. */
export async function findSession(db: Db, token: string): Promise<{ sessionId: string; profile: OwnProfile; seenAt: string } | undefined> {
  const sessionId = await hashToken(token);
  const [row] = await db
    .select({ profile: { id: profiles.id, name: profiles.name, imageUrl: profiles.imageUrl, email: profiles.email }, lastSeenAt: sessions.lastSeenAt, createdAt: sessions.createdAt })
    .from(sessions)
    .innerJoin(profiles, eq(profiles.id, sessions.profileId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, new Date().toISOString())))
    .limit(1);
  return row ? { sessionId, profile: row.profile, seenAt: row.lastSeenAt ?? row.createdAt } : undefined;
}

/** A loopback host (`host[:port]`), where the dev servers speak plain HTTP. */
export function isLoopbackHost(hostAndPort: string): boolean {
  const host = hostAndPort.replace(/:\d+$/, "");
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
}

/** Secure everywhere but on a loopback host. */
const isLoopback = (c: Context) => isLoopbackHost(c.req.header("host") ?? new URL(c.req.url).host);

export function setSessionCookie(c: Context, token: string, expires: Date): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: !isLoopback(c),
    path: "/",
    expires,
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: !isLoopback(c), httpOnly: true, sameSite: "Lax" });
}
