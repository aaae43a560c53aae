// Auth as the contract says: sign-up, sign-in, sign-out, profile, cookies and the cross-site guard.
import { describe, expect, it } from "vitest";
import { call, signUp, sql, uniqueEmail, workerUrl } from "./helpers";

const sessionCookie = (headers: Headers) => headers.getSetCookie().find((c) => c.startsWith("session="))!;

describe("auth", () => {
  it("signs up with a trimmed, lower-cased e-mail and answers the own profile with a session cookie", async () => {
    const email = uniqueEmail("Mixed");
    const res = await call("/api/auth/sign-up", { method: "POST", body: { email: `  ${email.toUpperCase()} `, password: "password1", name: " Ann " } });
    expect(res.status).toBe(201);
    expect(res.body.profile).toEqual({ id: expect.any(String), name: "Ann", imageUrl: null, email: email.toLowerCase() });
    expect(res.body.token).toEqual(expect.any(String));
    const cookie = sessionCookie(res.headers);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // loopback serves plain HTTP

    const again = await call("/api/auth/sign-up", { method: "POST", body: { email: email.toUpperCase(), password: "password2", name: "Other" } });
    expect(again.status).toBe(409);
    expect(again.body.error).toEqual(expect.any(String));
  });

  it("stores only a slow salted hash and a hashed session token", async () => {
    const person = await signUp("Hash");
    const row = (await sql.execute({ sql: "SELECT password_hash FROM profiles WHERE id = ?", args: [person.profile.id] })).rows[0];
    expect(String(row.password_hash)).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(String(row.password_hash)).not.toContain(person.password);
    const sessions = (await sql.execute({ sql: "SELECT id FROM sessions WHERE profile_id = ?", args: [person.profile.id] })).rows;
    expect(sessions.map((s) => s.id)).not.toContain(person.token);
  });

  it("signs in, and answers a wrong password and an unknown e-mail the same way", async () => {
    const person = await signUp("Signin");
    const ok = await call("/api/auth/sign-in", { method: "POST", body: { email: person.email.toUpperCase(), password: person.password } });
    expect(ok.status).toBe(200);
    expect(ok.body.profile.email).toBe(person.email);
    const wrong = await call("/api/auth/sign-in", { method: "POST", body: { email: person.email, password: "wrong password" } });
    const unknown = await call("/api/auth/sign-in", { method: "POST", body: { email: uniqueEmail("nobody"), password: "wrong password" } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it("works with the cookie as with the bearer token, and sign-out revokes only that session", async () => {
    const person = await signUp("Cookie");
    const second = await call("/api/auth/sign-in", { method: "POST", body: { email: person.email, password: person.password } });
    const cookie = sessionCookie(second.headers).split(";")[0];
    expect((await call("/api/profile", { headers: { cookie } })).body.id).toBe(person.profile.id);

    const out = await call("/api/auth/sign-out", { method: "POST", headers: { cookie } });
    expect(out.status).toBe(204);
    expect((await call("/api/profile", { headers: { cookie } })).status).toBe(401);
    expect((await call("/api/profile", { token: person.token })).status).toBe(200);
    expect((await call("/api/auth/sign-out", { method: "POST" })).status).toBe(401);
  });

  it("refuses a cookie-authenticated write from a foreign Origin, but not a bearer one", async () => {
    const person = await signUp("Csrf");
    const res = await call("/api/auth/sign-in", { method: "POST", body: { email: person.email, password: person.password } });
    const cookie = sessionCookie(res.headers).split(";")[0];
    const foreign = await call("/api/servers", { method: "POST", body: { name: "x" }, headers: { cookie, origin: "https://evil.example" } });
    expect(foreign.status).toBe(403);
    const own = await call("/api/servers", { method: "POST", body: { name: "x" }, headers: { cookie, origin: workerUrl } });
    expect(own.status).toBe(201);
    const bearer = await call("/api/servers", { method: "POST", body: { name: "y" }, token: person.token, headers: { origin: "https://evil.example" } });
    expect(bearer.status).toBe(201);
    const servers = await call("/api/servers", { token: person.token });
    expect(servers.body.map((s: { name: string }) => s.name).sort()).toEqual(["x", "y"]);
  });

  it("needs a session everywhere but config, sign-up and sign-in", async () => {
    expect((await call("/api/profile")).status).toBe(401);
    expect((await call("/api/servers")).status).toBe(401);
    expect((await call("/api/profile", { token: "forged" })).status).toBe(401);
    const config = await call("/api/config");
    expect(config.status).toBe(200);
    expect(config.body).toEqual({ partykitHost: expect.any(String), livekitUrl: expect.any(String) });
  });

  it("validates sign-up input", async () => {
    const cases = [
      { email: "not-an-email", password: "password1", name: "A" },
      { email: uniqueEmail(), password: "short", name: "A" },
      { email: uniqueEmail(), password: "x".repeat(257), name: "A" },
      { email: uniqueEmail(), password: "password1", name: "" },
      { email: uniqueEmail(), password: "password1", name: "n".repeat(65) },
      { email: 42, password: "password1", name: "A" },
    ];
    for (const body of cases) {
      const res = await call("/api/auth/sign-up", { method: "POST", body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toEqual(expect.any(String));
    }
  });
});
