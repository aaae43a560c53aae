// Moderation and limits through the API, against the suite's real worker and sqld: rate limits (and a second worker
// with short windows, to see each limit lift), caps, bans, invites that expire or run out, and honest names.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Ban, InvitePreview, Message, Page, Server, ServerView } from "../contract";
import { call, createServer, join, memberOf, postMessage as post, secondWorker, signUp, snapshot, sql } from "./helpers";
import type { Person } from "./helpers";
import { join as joinRoom } from "./rooms";
import { png } from "../worker/files/samples";

async function expect429(res: { status: number; body: any; headers: Headers }) {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get("retry-after"));
  expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
  expect(res.body).toEqual({ error: expect.any(String), retryAfter });
  return retryAfter;
}

describe("the message rate limit (5 per 5 s per member in one room, the default)", () => {
  it("refuses the 6th message with 429 and stores nothing, while another member and another room are unaffected", async () => {
    const [ann, bob] = await Promise.all([signUp("Ann"), signUp("Bob")]);
    const server = await createServer(ann, "Limits");
    await join(bob, server);
    const other = (await call<ServerView>(`/api/channels?serverId=${server.id}`, { method: "POST", token: ann.token, body: { name: "other", type: "TEXT" } })).body.channels.find((c) => c.name === "other")!;
    const q = `serverId=${server.id}&channelId=${server.channels[0].id}`;
    for (let i = 0; i < 5; i++) expect((await post(ann, q, `m${i}`)).status).toBe(201);
    const before = await snapshot();
    const refused = await post(ann, q, "one too many");
    await expect429(refused);
    expect(await snapshot()).toBe(before);
    expect((await post(bob, q, "bob is fine")).status).toBe(201);
    expect((await post(ann, `serverId=${server.id}&channelId=${other.id}`, "another room is fine")).status).toBe(201);
    // a retry of a message that got in (same nonce) is still answered, not refused
    const first = await call<Page<Message>>(`/api/messages?channelId=${server.channels[0].id}&limit=100`, { token: ann.token });
    expect(first.body.items.filter((m) => m.memberId === memberOf(server, ann).id)).toHaveLength(5);
  });

  it("holds when the posts race: of 12 at once, 5 get in", async () => {
    const ann = await signUp("Racer");
    const server = await createServer(ann, "Race");
    const q = `serverId=${server.id}&channelId=${server.channels[0].id}`;
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => post(ann, q, `r${i}`)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(5);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(7);
    const page = await call<Page<Message>>(`/api/messages?channelId=${server.channels[0].id}&limit=100`, { token: ann.token });
    expect(page.body.items).toHaveLength(5);
  });

  it("applies to direct messages too", async () => {
    const [ann, bob] = await Promise.all([signUp("Dee"), signUp("Dan")]);
    const server = await join(bob, await createServer(ann, "DM limits"));
    const conversation = (await call<{ id: string }>("/api/conversations", { method: "POST", token: ann.token, body: { serverId: server.id, memberId: memberOf(server, bob).id } })).body;
    const dm = (content: string) => call(`/api/socket/direct-messages?conversationId=${conversation.id}`, { method: "POST", token: ann.token, body: { content } });
    for (let i = 0; i < 5; i++) expect((await dm(`d${i}`)).status).toBe(201);
    await expect429(await dm("too fast"));
  });
});

describe("with short windows (a second worker: RATE_LIMIT_MESSAGES 5/2, RATE_LIMIT_SIGN_IN 5/2, RATE_LIMIT_UPLOADS 10/2)", () => {
  const second = secondWorker({ RATE_LIMIT_MESSAGES: "5/2", RATE_LIMIT_SIGN_IN: "5/2", RATE_LIMIT_UPLOADS: "10/2" });
  beforeAll(() => second.start(), 90_000);
  afterAll(() => second.stop());

  it("lets messages through again once the window has passed", async () => {
    const ann = await signUp("Window");
    const server = await createServer(ann, "Window");
    const q = `serverId=${server.id}&channelId=${server.channels[0].id}`;
    for (let i = 0; i < 5; i++) expect((await post(ann, q, `w${i}`, second.url)).status).toBe(201);
    const retryAfter = await expect429(await post(ann, q, "wait", second.url));
    expect(retryAfter).toBeLessThanOrEqual(2);
    await vi.waitFor(async () => expect((await post(ann, q, "again", second.url)).status).toBe(201), { timeout: 4000, interval: 250 });
  });

  it("after 5 failed sign-ins refuses that e-mail, the right password too, until the window passes; other e-mails are unaffected", async () => {
    const ann = await signUp("Locked");
    const other = await signUp("Other");
    const signIn = (email: string, password: string) =>
      call("/api/auth/sign-in", { method: "POST", body: { email, password }, base: second.url });
    for (let i = 0; i < 5; i++) expect((await signIn(ann.email, `wrong password ${i}`)).status).toBe(401);
    await expect429(await signIn(ann.email, `wrong again`));
    await expect429(await signIn(ann.email.toUpperCase(), ann.password));
    expect((await signIn(other.email, other.password)).status).toBe(200);
    await vi.waitFor(async () => expect((await signIn(ann.email, ann.password)).status).toBe(200), { timeout: 4000, interval: 250 });
  });

  it("refuses the 11th upload in the window and keeps nothing of it", async () => {
    const ann = await signUp("Uploader");
    await createServer(ann, "Uploads");
    const upload = () => {
      const form = new FormData();
      form.set("file", new File([png()], "a.png", { type: "image/png" }));
      return call("/api/uploads", { method: "POST", token: ann.token, raw: form, base: second.url });
    };
    for (let i = 0; i < 10; i++) expect((await upload()).status).toBe(201);
    const before = (await sql.execute({ sql: "SELECT count(*) AS n FROM uploads WHERE profile_id = ?", args: [ann.profile.id] })).rows[0].n;
    await expect429(await upload());
    expect((await sql.execute({ sql: "SELECT count(*) AS n FROM uploads WHERE profile_id = ?", args: [ann.profile.id] })).rows[0].n).toBe(before);
  });
});

describe("caps", () => {
  it("keeps a person to 100 servers, created or joined", async () => {
    const ann = await signUp("Collector");
    const host = await signUp("Host");
    const elsewhere = await createServer(host, "Elsewhere");
    for (let i = 0; i < 100; i++) expect((await call("/api/servers", { method: "POST", token: ann.token, body: { name: `s${i}` } })).status).toBe(201);
    const created = await call("/api/servers", { method: "POST", token: ann.token, body: { name: "one more" } });
    expect(created.status).toBe(400);
    expect(created.body.error).toMatch(/100 servers/);
    const joined = await call(`/api/invite/${elsewhere.inviteCode}`, { method: "POST", token: ann.token });
    expect(joined.status).toBe(400);
    expect((await call<Server[]>("/api/servers", { token: ann.token })).body).toHaveLength(100);
  });

  it("keeps a server to 500 channels", async () => {
    const ann = await signUp("Builder");
    const server = await createServer(ann, "Busy");
    const rows = Array.from({ length: 499 }, (_, i) => ({ sql: "INSERT INTO channels (id, name, type, profile_id, server_id, created_at, updated_at) VALUES (?, ?, 'TEXT', ?, ?, ?, ?)", args: [`cap-${server.id}-${i}`, `c${i}`, ann.profile.id, server.id, new Date().toISOString(), new Date().toISOString()] }));
    await sql.batch(rows, "write");
    const refused = await call(`/api/channels?serverId=${server.id}`, { method: "POST", token: ann.token, body: { name: "c500", type: "TEXT" } });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/500 channels/);
  });
});

describe("bans", () => {
  let owner: Person, admin: Person, troll: Person;
  let server: ServerView;
  beforeAll(async () => {
    [owner, admin, troll] = await Promise.all([signUp("Owner"), signUp("Admin"), signUp("Troll")]);
    server = await createServer(owner, "Moderated");
    await join(admin, server);
    server = await join(troll, server);
    await call(`/api/members/${memberOf(server, admin).id}?serverId=${server.id}`, { method: "PATCH", token: owner.token, body: { role: "ADMIN" } });
  });

  it("removes the member, closes their sockets with 4003, and keeps them out of the invite", async () => {
    const socket = await joinRoom(troll, server.channels[0].id);
    const banned = await call<Ban>(`/api/servers/${server.id}/bans/${troll.profile.id}`, { method: "PUT", token: admin.token, body: { reason: "spam" } });
    expect(banned.status).toBe(200);
    expect(banned.body).toEqual({ profile: { id: troll.profile.id, name: "Troll", imageUrl: null }, reason: "spam", createdAt: expect.any(String) });
    expect(JSON.stringify(banned.body)).not.toMatch(/email|password/i);
    expect((await socket.closed).code).toBe(4003);
    expect((await call(`/api/servers/${server.id}`, { token: troll.token })).status).toBe(404);
    const rejoin = await call(`/api/invite/${server.inviteCode}`, { method: "POST", token: troll.token });
    expect(rejoin.status).toBe(403);
    // the preview still shows, so the landing page can say why
    expect((await call<InvitePreview>(`/api/invite/${server.inviteCode}`, { token: troll.token })).status).toBe(200);
    const list = await call<Ban[]>(`/api/servers/${server.id}/bans`, { token: admin.token });
    expect(list.body.map((b) => b.profile.id)).toEqual([troll.profile.id]);
  });

  it("is for ADMINs, never on oneself or the owner", async () => {
    const guest = await signUp("Guest");
    await join(guest, server);
    const before = await snapshot();
    expect((await call(`/api/servers/${server.id}/bans/${admin.profile.id}`, { method: "PUT", token: guest.token, body: {} })).status).toBe(403);
    expect((await call(`/api/servers/${server.id}/bans`, { token: guest.token })).status).toBe(403);
    expect((await call(`/api/servers/${server.id}/bans/${admin.profile.id}`, { method: "PUT", token: admin.token, body: {} })).status).toBe(400);
    expect((await call(`/api/servers/${server.id}/bans/${owner.profile.id}`, { method: "PUT", token: admin.token, body: {} })).status).toBe(400);
    expect((await call(`/api/servers/${server.id}/bans/nobody`, { method: "PUT", token: admin.token, body: {} })).status).toBe(404);
    expect((await call(`/api/servers/${server.id}/bans/${guest.profile.id}`, { method: "PUT", token: admin.token, body: { reason: "x".repeat(513) } })).status).toBe(400);
    expect((await call(`/api/servers/nope/bans`, { token: admin.token })).status).toBe(404);
    expect(await snapshot()).toBe(before);
  });

  it("lifted, lets them join again by invite", async () => {
    expect((await call(`/api/servers/${server.id}/bans/${troll.profile.id}`, { method: "DELETE", token: admin.token })).status).toBe(204);
    expect((await call<Ban[]>(`/api/servers/${server.id}/bans`, { token: admin.token })).body).toEqual([]);
    expect((await call(`/api/invite/${server.inviteCode}`, { method: "POST", token: troll.token })).status).toBe(200);
  });
});

describe("invites that expire or run out", () => {
  it("with maxUses 1, lets one of two racing people in and answers the other 410; a member still gets 200", async () => {
    const owner = await signUp("Inviter");
    const server = await createServer(owner, "Once");
    const fresh = await call<Server>(`/api/servers/${server.id}/invite-code`, { method: "PATCH", token: owner.token, body: { maxUses: 1 } });
    expect(fresh.body).toMatchObject({ inviteMaxUses: 1, inviteUses: 0, inviteExpiresAt: null });
    const [x, y] = await Promise.all([signUp("X"), signUp("Y")]);
    const answers = await Promise.all([x, y].map((p) => call(`/api/invite/${fresh.body.inviteCode}`, { method: "POST", token: p.token })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 410]);
    const winner = answers[0].status === 200 ? x : y;
    const loser = winner === x ? y : x;
    expect((await call(`/api/invite/${fresh.body.inviteCode}`, { method: "POST", token: winner.token })).status).toBe(200);
    expect((await call(`/api/invite/${fresh.body.inviteCode}`, { token: loser.token })).status).toBe(410);
    const now = (await call<ServerView>(`/api/servers/${server.id}`, { token: owner.token })).body;
    expect(now).toMatchObject({ inviteUses: 1, inviteMaxUses: 1 });
    expect(now.members).toHaveLength(2);
  });

  it("expires: maxAgeSeconds sets inviteExpiresAt, and past it a join is 410 and changes nothing", async () => {
    const owner = await signUp("Timer");
    const server = await createServer(owner, "Soon");
    const started = Date.now();
    const fresh = (await call<Server>(`/api/servers/${server.id}/invite-code`, { method: "PATCH", token: owner.token, body: { maxAgeSeconds: 1800 } })).body;
    expect(Date.parse(fresh.inviteExpiresAt!) - started).toBeGreaterThanOrEqual(1799_000);
    expect(Date.parse(fresh.inviteExpiresAt!) - Date.now()).toBeLessThanOrEqual(1800_000);
    const guest = await signUp("Late");
    const preview = await call<InvitePreview>(`/api/invite/${fresh.inviteCode}`, { token: guest.token });
    expect(preview.body).toEqual({ server: { id: server.id, name: "Soon", imageUrl: null }, memberCount: 1, member: false, expiresAt: fresh.inviteExpiresAt });
    // the clock moves on: the invite's time is past
    await sql.execute({ sql: "UPDATE servers SET invite_expires_at = ? WHERE id = ?", args: [new Date(Date.now() - 1000).toISOString(), server.id] });
    const before = await snapshot();
    const late = await call(`/api/invite/${fresh.inviteCode}`, { method: "POST", token: guest.token });
    expect(late.status).toBe(410);
    expect(late.body.error).toMatch(/expired/);
    expect(await snapshot()).toBe(before);
    expect((await call(`/api/invite/${fresh.inviteCode}`, { token: guest.token })).status).toBe(410);
    // a member still gets in
    expect((await call(`/api/invite/${fresh.inviteCode}`, { method: "POST", token: owner.token })).status).toBe(200);
  });

  it("refuses invite options out of range, and an unknown code is 404", async () => {
    const owner = await signUp("Options");
    const server = await createServer(owner, "Options");
    for (const body of [{ maxAgeSeconds: -1 }, { maxAgeSeconds: 604_801 }, { maxUses: 101 }, { maxUses: 1.5 }, { maxUses: "5" }]) {
      const res = await call(`/api/servers/${server.id}/invite-code`, { method: "PATCH", token: owner.token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await call(`/api/servers/${server.id}/invite-code`, { method: "PATCH", token: owner.token, raw: "{nope", headers: { "content-type": "application/json" } })).status).toBe(400);
    // no body at all: a plain new code, as before
    expect((await call<Server>(`/api/servers/${server.id}/invite-code`, { method: "PATCH", token: owner.token })).body).toMatchObject({ inviteMaxUses: 0, inviteExpiresAt: null });
    expect((await call(`/api/invite/not-a-code`, { token: owner.token })).status).toBe(404);
    expect((await call(`/api/invite/not-a-code`)).status).toBe(401);
  });
});

describe("honest names", () => {
  const invisible = ["\u200b", "\u200b\u200c\u200d", "\u2066\u2069", "\u3164", "\ufe0f", " \u00a0 "];
  it("refuses profile, server and channel names that show nothing", async () => {
    const ann = await signUp("Namer");
    const server = await createServer(ann, "Names");
    for (const name of invisible) {
      const label = JSON.stringify(name);
      expect((await call("/api/auth/sign-up", { method: "POST", body: { email: `n${Math.random()}@example.test`, password: "long enough", name } })).status, label).toBe(400);
      expect((await call("/api/servers", { method: "POST", token: ann.token, body: { name } })).status, label).toBe(400);
      expect((await call(`/api/servers/${server.id}`, { method: "PATCH", token: ann.token, body: { name } })).status, label).toBe(400);
      expect((await call(`/api/channels?serverId=${server.id}`, { method: "POST", token: ann.token, body: { name, type: "TEXT" } })).status, label).toBe(400);
    }
  });

  it("refuses look-alikes of general, and keeps accents, CJK and emoji", async () => {
    const ann = await signUp("Lookalike");
    const server = await createServer(ann, "Lookalikes");
    for (const name of ["General", "ｇｅｎｅｒａｌ", "gen\u0435ral", "general\u200b", "\u200bgeneral", "ɡeneral", "GENERAL"]) {
      const res = await call(`/api/channels?serverId=${server.id}`, { method: "POST", token: ann.token, body: { name, type: "TEXT" } });
      expect(res.status, JSON.stringify(name)).toBe(400);
      expect(res.body.error).toMatch(/reserved/);
    }
    const other = (await call<ServerView>(`/api/channels?serverId=${server.id}`, { method: "POST", token: ann.token, body: { name: "news", type: "TEXT" } })).body.channels.find((c) => c.name === "news")!;
    expect((await call(`/api/channels/${other.id}?serverId=${server.id}`, { method: "PATCH", token: ann.token, body: { name: "ｇｅｎｅｒａｌ" } })).status).toBe(400);
    for (const name of ["café", "日本語", "🎉 party", "Ünïcödé", "general-chat"]) {
      const res = await call<ServerView>(`/api/channels?serverId=${server.id}`, { method: "POST", token: ann.token, body: { name, type: "TEXT" } });
      expect(res.status, name).toBe(201);
      expect(res.body.channels.map((c) => c.name)).toContain(name);
    }
    expect((await call("/api/servers", { method: "POST", token: ann.token, body: { name: "Café 日本 🎉" } })).status).toBe(201);
  });
});
