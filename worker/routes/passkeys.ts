// Passkeys (WebAuthn, through @simplewebauthn/server): a signed-in person adds, lists and removes theirs; anyone
// signs in with one. Each ceremony's challenge is kept once, for CHALLENGE_SECONDS, and taken out as it is checked.
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import {
  generateAuthenticationOptions, generateRegistrationOptions, verifyAuthenticationResponse, verifyRegistrationResponse,
} from "@simplewebauthn/server";
import type { AuthenticationResponseJSON, AuthenticatorTransport, RegistrationResponseJSON } from "@simplewebauthn/server";
import { eq } from "drizzle-orm";
import type { AppEnv } from "../env";
import { schemas } from "../../contract";
import type { AuthResult, Passkey, PasskeyCeremony } from "../../contract";
import { base64url, fromBase64url } from "../../contract/base64url";
import { validate } from "../validate";
import { fail } from "../errors";
import { profiles } from "../db/schema";
import { isForeignOrigin, ownOrigin, requireSession } from "../auth/middleware";
import { createSession, setSessionCookie } from "../auth/session";
import { addPasskey, findPasskey, keepChallenge, passkeysOf, passkeyUsed, removePasskey, takeChallenge } from "../db/queries/passkeys";

const RP_NAME = "Edgecord";
const CHALLENGE_GONE = "This passkey request has expired or was used already; start again";
const NOT_SIGNED_IN = "That passkey could not sign you in";

const sameOrigin = createMiddleware<AppEnv>(async (c, next) => {
  if (isForeignOrigin(c)) fail(403, "Cross-site request refused");
  await next();
});

/** Where the ceremony must have happened: this origin, and its host as the relying party. */
const relyingParty = (c: Parameters<typeof ownOrigin>[0]) => {
  const origin = ownOrigin(c);
  return { origin, rpID: new URL(origin).hostname };
};

const transportsOf = (raw: string | null) => (raw ? (JSON.parse(raw) as AuthenticatorTransport[]) : undefined);

export const passkeyRoutes = new Hono<AppEnv>()
  // ---- a signed-in person's passkeys ----
  .get("/passkeys", requireSession, async (c) => c.json((await passkeysOf(c.var.db, c.var.profile.id)) satisfies Passkey[], 200))
  .post("/passkeys/options", requireSession, async (c) => {
    const { id, email, name } = c.var.profile;
    const mine = await c.var.db.query.passkeys.findMany({ where: (p, { eq: is }) => is(p.profileId, id) });
    const options = await generateRegistrationOptions({
      rpName: RP_NAME,
      rpID: relyingParty(c).rpID,
      userName: email,
      userDisplayName: name,
      userID: new Uint8Array(new TextEncoder().encode(id)),
      attestationType: "none",
      excludeCredentials: mine.map((p) => ({ id: p.id, transports: transportsOf(p.transports) })),
      // discoverable, so signing in needs no e-mail first
      authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
    });
    const challengeId = await keepChallenge(c.var.db, options.challenge, "register", id);
    return c.json({ challengeId, options } satisfies PasskeyCeremony<typeof options>, 200);
  })
  .post("/passkeys", requireSession, validate("json", schemas.PasskeyAnswer), async (c) => {
    const { challengeId, response, name } = c.req.valid("json");
    const challenge = await takeChallenge(c.var.db, challengeId, "register", c.var.profile.id);
    if (!challenge) fail(400, CHALLENGE_GONE);
    const { origin, rpID } = relyingParty(c);
    const verified = await verifyRegistrationResponse({
      response: response as unknown as RegistrationResponseJSON, expectedChallenge: challenge!, expectedOrigin: origin, expectedRPID: rpID, requireUserVerification: false,
    }).catch(() => undefined);
    if (!verified?.verified) fail(400, "The passkey could not be checked; try again");
    const { credential } = verified!.registrationInfo!;
    const made = await addPasskey(c.var.db, {
      id: credential.id, profileId: c.var.profile.id, publicKey: base64url(credential.publicKey), counter: credential.counter,
      transports: credential.transports ? JSON.stringify(credential.transports) : null,
      name: name ?? "Passkey", createdAt: new Date().toISOString(),
    });
    if (!made) fail(409, "This passkey is already registered");
    return c.json(made satisfies Passkey, 201);
  })
  .delete("/passkeys/:passkeyId", requireSession, async (c) => {
    if (!(await removePasskey(c.var.db, c.var.profile.id, c.req.param("passkeyId")))) fail(404, "Passkey not found");
    return c.body(null, 204);
  })
  // ---- signing in with one ----
  .post("/auth/passkey/options", sameOrigin, async (c) => {
    const options = await generateAuthenticationOptions({ rpID: relyingParty(c).rpID, userVerification: "preferred" });
    const challengeId = await keepChallenge(c.var.db, options.challenge, "sign-in", null);
    return c.json({ challengeId, options } satisfies PasskeyCeremony<typeof options>, 200);
  })
  .post("/auth/passkey/sign-in", sameOrigin, validate("json", schemas.PasskeyAnswer), async (c) => {
    const { challengeId, response } = c.req.valid("json");
    const challenge = await takeChallenge(c.var.db, challengeId, "sign-in", null);
    if (!challenge) fail(400, CHALLENGE_GONE);
    const passkey = await findPasskey(c.var.db, response.id);
    if (!passkey) fail(401, NOT_SIGNED_IN);
    const { origin, rpID } = relyingParty(c);
    const verified = await verifyAuthenticationResponse({
      response: response as unknown as AuthenticationResponseJSON, expectedChallenge: challenge!, expectedOrigin: origin, expectedRPID: rpID, requireUserVerification: false,
      credential: { id: passkey!.id, publicKey: fromBase64url(passkey!.publicKey), counter: passkey!.counter, transports: transportsOf(passkey!.transports) },
    }).catch(() => undefined);
    if (!verified?.verified) fail(401, NOT_SIGNED_IN);
    await passkeyUsed(c.var.db, passkey!.id, verified!.authenticationInfo.newCounter);
    const [profile] = await c.var.db
      .select({ id: profiles.id, name: profiles.name, imageUrl: profiles.imageUrl, email: profiles.email })
      .from(profiles).where(eq(profiles.id, passkey!.profileId)).limit(1);
    const { token, expiresAt } = await createSession(c.var.db, profile.id, c.req.header("user-agent"));
    setSessionCookie(c, token, expiresAt);
    return c.json({ profile, token } satisfies AuthResult, 200);
  });
