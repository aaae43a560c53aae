// Three doors for bad input: valid JSON of another kind than an object (an array where the route takes an object,
// also on routes whose fields are all optional), an Origin that differs by scheme or port only, and reaction emoji
// that Unicode has not assigned. Each is refused and changes nothing.
import { describe, expect, it } from "vitest";
import type { Message, ServerView } from "../contract";
import { call, channelQuery, createServer, join, runtime, signUp, snapshot, workerUrl } from "./helpers";

const sessionCookie = (headers: Headers) => headers.getSetCookie().find((c) => c.startsWith("session="))!.split(";")[0];

describe("JSON of another kind than an object", () => {
  it("is 400 on routes whose body is optional or all-optional, and changes nothing", async () => {
    const [ann, bob] = await Promise.all([signUp("Ann"), signUp("Bob")]);
    const server = await join(bob, await createServer(ann, "Kinds"));
    const cases: [string, string, unknown][] = [
      ["PATCH", `/api/servers/${server.id}/invite-code`, []],
      ["PATCH", `/api/servers/${server.id}/invite-code`, [{ maxUses: 1 }]],
      ["PATCH", `/api/servers/${server.id}/invite-code`, "[]"],
      ["PATCH", `/api/servers/${server.id}/invite-code`, 7],
      ["PUT", `/api/servers/${server.id}/bans/${bob.profile.id}`, []],
      ["PUT", `/api/servers/${server.id}/bans/${bob.profile.id}`, [{ reason: "spam" }]],
      ["PATCH", "/api/profile/password", [{ currentPassword: ann.password, newPassword: "another password" }]],
      ["POST", "/api/auth/sign-in", [{ email: ann.email, password: ann.password }]],
    ];
    for (const [method, path, body] of cases) {
      const before = await snapshot();
      const res = await call(path, { method, token: ann.token, body });
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body).toEqual({ error: expect.any(String) });
      expect(await snapshot()).toBe(before);
    }
    // the invite code is the one it was, and Bob is still a member
    const view = (await call<ServerView>(`/api/servers/${server.id}`, { token: ann.token })).body;
    expect(view.inviteCode).toBe(server.inviteCode);
    expect(view.members.map((m) => m.profileId)).toContain(bob.profile.id);
    // an object (or no body) still works
    expect((await call(`/api/servers/${server.id}/invite-code`, { method: "PATCH", token: ann.token, body: {} })).status).toBe(200);
    expect((await call(`/api/servers/${server.id}/invite-code`, { method: "PATCH", token: ann.token })).status).toBe(200);
  });
});

describe("the Origin of a cookie-authenticated write", () => {
  it("must match scheme, host and port: another scheme or port of the same host is foreign", async () => {
    const ann = await signUp("Origin");
    const signedIn = await call("/api/auth/sign-in", { method: "POST", body: { email: ann.email, password: ann.password } });
    const cookie = sessionCookie(signedIn.headers);
    const own = new URL(workerUrl);
    const create = (origin: string) => call("/api/servers", { method: "POST", body: { name: "from somewhere" }, headers: { cookie, origin } });
    const before = await snapshot();
    // wrangler dev's proxy rewrites an https Origin of its own host and port into http on the way (a local quirk:
    // Cloudflare passes the header as sent), so the scheme alone is checked where the deployed bundle runs
    const otherScheme = runtime === "deployed" ? [`https://${own.host}`] : [];
    for (const origin of [...otherScheme, `${own.protocol}//${own.hostname}:${Number(own.port) + 1}`, `${own.protocol}//${own.hostname}`, "null"]) {
      const res = await create(origin);
      expect(res.status, origin).toBe(403);
    }
    // sign-in from such an origin plants no session either
    expect((await call("/api/auth/sign-in", { method: "POST", body: { email: ann.email, password: ann.password }, headers: { origin: `${own.protocol}//${own.hostname}:${Number(own.port) + 1}` } })).status).toBe(403);
    expect(await snapshot()).toBe(before);
    expect((await create(own.origin)).status).toBe(201);
  });
});

describe("reaction emoji", () => {
  it("takes assigned emoji only: an unassigned pictographic code point is 400 and changes nothing", async () => {
    const ann = await signUp("Emoji");
    const server = await createServer(ann, "Emoji");
    const message = (await call<Message>(`/api/socket/messages?${channelQuery(server)}`, { method: "POST", token: ann.token, body: { content: "react" } })).body;
    const react = (emoji: string) => call(`/api/socket/messages/${message.id}/reactions/${encodeURIComponent(emoji)}?${channelQuery(server)}`, { method: "PUT", token: ann.token });
    const before = await snapshot();
    for (const emoji of ["\u{1FAFF}", "\u{1FAFF}\uFE0F", "\u{1F8FF}", "\u{E0001}"]) expect((await react(emoji)).status, emoji.codePointAt(0)!.toString(16)).toBe(400);
    expect(await snapshot()).toBe(before);
    expect((await react("❤")).status).toBe(200);
    expect((await react("🫩")).status).toBe(200);
  });
});
