// Passkeys through the API: the ceremonies' challenges are single-use, short-lived and the asker's own; answers
// that do not check out are refused and change nothing. The real ceremony, with Chromium's virtual authenticator,
// is in test/browser/passkeys.test.ts.
import { describe, expect, it } from "vitest";
import type { PasskeyCeremony } from "../contract";
import { call, signUp, snapshot, sql } from "./helpers";

const fakeAnswer = (challengeId: string) => ({ challengeId, response: { id: "bm90LWEtcmVhbC1rZXk", rawId: "bm90LWEtcmVhbC1rZXk", type: "public-key", response: {}, clientExtensionResults: {} } });

describe("passkeys", () => {
  it("hands out registration options for the signed-in person only, and lists none yet", async () => {
    const ann = await signUp("Keyholder");
    expect((await call("/api/passkeys", { token: ann.token })).body).toEqual([]);
    const res = await call<PasskeyCeremony<any>>("/api/passkeys/options", { method: "POST", token: ann.token });
    expect(res.status).toBe(200);
    expect(res.body.challengeId).toEqual(expect.any(String));
    expect(res.body.options).toMatchObject({ challenge: expect.any(String), rp: { name: "Edgecord", id: "127.0.0.1" }, user: { name: ann.email, displayName: "Keyholder" } });
    expect(res.body.options.authenticatorSelection).toMatchObject({ residentKey: "required" });
    expect((await call("/api/passkeys/options", { method: "POST" })).status).toBe(401);
    expect((await call("/api/passkeys")).status).toBe(401);
  });

  it("refuses an answer that does not check out, and its challenge is spent either way", async () => {
    const ann = await signUp("Spent");
    const { challengeId } = (await call<PasskeyCeremony>("/api/passkeys/options", { method: "POST", token: ann.token })).body;
    const before = await snapshot();
    const first = await call("/api/passkeys", { method: "POST", token: ann.token, body: fakeAnswer(challengeId) });
    expect(first.status).toBe(400);
    const again = await call("/api/passkeys", { method: "POST", token: ann.token, body: fakeAnswer(challengeId) });
    expect(again.status).toBe(400);
    expect(again.body.error).toMatch(/expired or was used/);
    expect(await snapshot()).toBe(before);
    expect((await call("/api/passkeys", { token: ann.token })).body).toEqual([]);
  });

  it("keeps a challenge to the person it was made for, and to its short life", async () => {
    const [ann, bob] = await Promise.all([signUp("Mine"), signUp("Thief")]);
    const mine = (await call<PasskeyCeremony>("/api/passkeys/options", { method: "POST", token: ann.token })).body;
    expect((await call("/api/passkeys", { method: "POST", token: bob.token, body: fakeAnswer(mine.challengeId) })).body.error).toMatch(/expired or was used/);
    const old = (await call<PasskeyCeremony>("/api/passkeys/options", { method: "POST", token: ann.token })).body;
    await sql.execute({ sql: "UPDATE passkey_challenges SET expires_at = ? WHERE id = ?", args: [new Date(Date.now() - 1000).toISOString(), old.challengeId] });
    expect((await call("/api/passkeys", { method: "POST", token: ann.token, body: fakeAnswer(old.challengeId) })).body.error).toMatch(/expired or was used/);
    // a sign-in challenge is not a registration one
    const signIn = (await call<PasskeyCeremony>("/api/auth/passkey/options", { method: "POST" })).body;
    expect((await call("/api/passkeys", { method: "POST", token: ann.token, body: fakeAnswer(signIn.challengeId) })).body.error).toMatch(/expired or was used/);
  });

  it("signs in nobody with an unknown passkey; the sign-in challenge is single-use too", async () => {
    const options = await call<PasskeyCeremony<any>>("/api/auth/passkey/options", { method: "POST" });
    expect(options.status).toBe(200);
    expect(options.body.options).toMatchObject({ challenge: expect.any(String), rpId: "127.0.0.1" });
    const before = await snapshot();
    const res = await call("/api/auth/passkey/sign-in", { method: "POST", body: fakeAnswer(options.body.challengeId) });
    expect(res.status).toBe(401);
    expect(res.headers.getSetCookie().some((c) => c.startsWith("session="))).toBe(false);
    expect((await call("/api/auth/passkey/sign-in", { method: "POST", body: fakeAnswer(options.body.challengeId) })).status).toBe(400);
    expect(await snapshot()).toBe(before);
  });

  it("refuses malformed answers and a foreign Origin, and removes only one's own passkeys", async () => {
    const ann = await signUp("Careful");
    for (const body of [[], { challengeId: "x" }, { challengeId: "x", response: { id: "a", type: "password" } }, { challengeId: 5, response: {} }]) {
      expect((await call("/api/passkeys", { method: "POST", token: ann.token, body })).status, JSON.stringify(body)).toBe(400);
      expect((await call("/api/auth/passkey/sign-in", { method: "POST", body })).status, JSON.stringify(body)).toBe(400);
    }
    expect((await call("/api/auth/passkey/options", { method: "POST", headers: { origin: "https://evil.example" } })).status).toBe(403);
    expect((await call("/api/passkeys/no-such-key", { method: "DELETE", token: ann.token })).status).toBe(404);
  });
});
