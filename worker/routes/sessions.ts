// The caller's sign-in sessions (their devices): the list, ending one or all, and a password change, which ends
// every other. An ended session's requests get 401 at once and its room sockets close with 4003 (../realtime).
import { Hono } from "hono";
import { eq } from "drizzle-orm";
import type { AppEnv } from "../env";
import { schemas } from "../../contract";
import type { Session } from "../../contract";
import { validate } from "../validate";
import { fail } from "../errors";
import { profiles } from "../db/schema";
import { requireSession } from "../auth/middleware";
import { clearSessionCookie } from "../auth/session";
import { hashPassword, verifyPassword } from "../auth/password";
import { endSessions, listSessions } from "../db/queries/sessions";
import { signInAttempt } from "../auth/sign-in-limit";
import { sessionsEnded } from "../realtime";

export const sessionRoutes = new Hono<AppEnv>()
  .get("/auth/sessions", requireSession, async (c) => c.json((await listSessions(c.var.db, c.var.profile.id, c.var.sessionId)) satisfies Session[], 200))
  .delete("/auth/sessions/:sessionId", requireSession, async (c) => {
    const sessionId = c.req.param("sessionId");
    const ended = await endSessions(c.var.db, c.var.profile.id, { only: sessionId });
    if (ended.length === 0) fail(404, "Session not found");
    await sessionsEnded(c, c.var.profile.id, ended);
    if (sessionId === c.var.sessionId) clearSessionCookie(c);
    return c.body(null, 204);
  })
  .post("/auth/sign-out-everywhere", requireSession, async (c) => {
    const ended = await endSessions(c.var.db, c.var.profile.id, { all: true });
    await sessionsEnded(c, c.var.profile.id, ended);
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .patch("/profile/password", requireSession, validate("json", schemas.PasswordChange), async (c) => {
    const { currentPassword, newPassword } = c.req.valid("json");
    const { id, email } = c.var.profile;
    // a wrong current password is a failed sign-in: the same limit keeps a stolen session from guessing it
    const forgive = await signInAttempt(c, email);
    const [row] = await c.var.db.select({ passwordHash: profiles.passwordHash }).from(profiles).where(eq(profiles.id, id)).limit(1);
    if (!row || !(await verifyPassword(currentPassword, row.passwordHash))) fail(403, "The current password is not right");
    await forgive();
    await c.var.db.update(profiles).set({ passwordHash: await hashPassword(newPassword) }).where(eq(profiles.id, id));
    await sessionsEnded(c, id, await endSessions(c.var.db, id, { allBut: c.var.sessionId }));
    return c.body(null, 204);
  });
