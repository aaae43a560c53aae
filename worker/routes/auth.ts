// Sign-up, sign-in, sign-out and the caller's own profile (the other sessions and the password: ./sessions.ts).
import { Hono } from "hono";
import { eq } from "drizzle-orm";
import type { AppEnv } from "../env";
import { schemas } from "../../contract";
import type { AuthResult, OwnProfile } from "../../contract";
import { validate } from "../validate";
import { fail } from "../errors";
import { profiles } from "../db/schema";
import { burnPasswordCheck, hashPassword, verifyPassword } from "../auth/password";
import { clearSessionCookie, createSession, setSessionCookie } from "../auth/session";
import { endSessions } from "../db/queries/sessions";
import { sessionsEnded } from "../realtime";
import { isForeignOrigin, requireSession } from "../auth/middleware";
import { createMiddleware } from "hono/factory";
import { limitOf, secondsUntilFree, tooMany } from "../limits";
import { signInAttempt } from "../auth/sign-in-limit";
import { clientAddress } from "../client-address";
import { signUpsFull, signUpWithin } from "../db/queries/limits";

const EMAIL_MAX = 254;
const ownColumns = { id: profiles.id, name: profiles.name, imageUrl: profiles.imageUrl, email: profiles.email };

/** Signing in from another site would plant that site's session in the browser (login CSRF). */
const sameOrigin = createMiddleware<AppEnv>(async (c, next) => {
  if (isForeignOrigin(c)) fail(403, "Cross-site request refused");
  await next();
});

export const auth = new Hono<AppEnv>()
  .post("/auth/sign-up", sameOrigin, validate("json", schemas.SignUp), async (c) => {
    const { email, password, name } = c.req.valid("json");
    // sign-ups per client address (RATE_LIMIT_SIGN_UP), counted inside the insert: a new account is new limits. A
    // full address is refused before the slow hash too, so a flood of sign-ups costs no hashing
    const limit = limitOf(c.env, "RATE_LIMIT_SIGN_UP");
    const fullSince = await signUpsFull(c.var.db, clientAddress(c), limit);
    if (fullSince) tooMany(c, secondsUntilFree(fullSince, limit), "Too many accounts made from your address");
    const passwordHash = await hashPassword(password);
    const made = await signUpWithin(c.var.db, { email, name, passwordHash }, clientAddress(c), limit);
    if ("retryAfterFrom" in made) tooMany(c, secondsUntilFree(made.retryAfterFrom, limit), "Too many accounts made from your address");
    const profile = (made as { profile?: OwnProfile }).profile;
    if (!profile) fail(409, "That e-mail is already registered");
    const { token, expiresAt } = await createSession(c.var.db, profile!.id, c.req.header("user-agent"));
    setSessionCookie(c, token, expiresAt);
    return c.json({ profile: profile! , token } satisfies AuthResult, 201);
  })
  .post("/auth/sign-in", sameOrigin, validate("json", schemas.SignIn), async (c) => {
    const { email, password } = c.req.valid("json");
    // no account has such an e-mail (sign-up refuses it): the same 401, and nothing to remember
    if (email.length > EMAIL_MAX) {
      await burnPasswordCheck(password);
      fail(401, "Wrong e-mail or password");
    }
    // every attempt counts as a failure until the password proves right; past a limit, even a right one waits
    const forgive = await signInAttempt(c, email);
    const [row] = await c.var.db
      .select({ ...ownColumns, passwordHash: profiles.passwordHash })
      .from(profiles)
      .where(eq(profiles.email, email))
      .limit(1);
    const ok = row ? await verifyPassword(password, row.passwordHash) : (await burnPasswordCheck(password), false);
    if (!ok) fail(401, "Wrong e-mail or password");
    await forgive();
    const { passwordHash: _, ...profile } = row!;
    const { token, expiresAt } = await createSession(c.var.db, profile.id, c.req.header("user-agent"));
    setSessionCookie(c, token, expiresAt);
    return c.json({ profile, token } satisfies AuthResult, 200);
  })
  .post("/auth/sign-out", requireSession, async (c) => {
    const ended = await endSessions(c.var.db, c.var.profile.id, { only: c.var.sessionId });
    await sessionsEnded(c, c.var.profile.id, ended);
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .get("/profile", requireSession, (c) => c.json(c.var.profile satisfies OwnProfile, 200));
