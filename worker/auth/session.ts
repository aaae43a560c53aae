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

export async function createSession(db: Db, profileId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await db.insert(sessions).values({
    id: await hashToken(token),
    profileId,
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  });
  return { token, expiresAt };
}

export async function findSession(db: Db, token: string): Promise<{ sessionId: string; profile: OwnProfile } | undefined> {
  const sessionId = await hashToken(token);
  const [row] = await db
    .select({ id: profiles.id, name: profiles.name, imageUrl: profiles.imageUrl, email: profiles.email })
    .from(sessions)
    .innerJoin(profiles, eq(profiles.id, sessions.profileId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, new Date().toISOString())))
    .limit(1);
  return row ? { sessionId, profile: row } : undefined;
}

export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Secure everywhere but on a loopback host, where the dev servers speak plain HTTP. */
function isLoopback(c: Context): boolean {
  const host = (c.req.header("host") ?? new URL(c.req.url).host).replace(/:\d+$/, "");
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
}

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
