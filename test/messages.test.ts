// Messages and direct messages over HTTP: create, edit, soft delete, history, catch-up and idempotent nonces,
// against the real worker and sqld.
import { beforeAll, describe, expect, it } from "vitest";
import type { Conversation, Message, Page, ServerView } from "../contract";
import { call, createServer, join, memberOf, signUp, snapshot, sql, upload } from "./helpers";
import type { Person } from "./helpers";

let owner: Person, guest: Person, mod: Person, outsider: Person;
let server: ServerView;
let channelId: string;
let path: string;

const post = (who: Person, body: unknown, p = path) => call<Message & { error: string }>(`/api/socket/messages?${p}`, { method: "POST", token: who.token, body });
const history = (who: Person, query: string) => call<Page<Message>>(`/api/messages?channelId=${channelId}&${query}`, { token: who.token });

beforeAll(async () => {
  [owner, guest, mod, outsider] = await Promise.all([signUp("Owner"), signUp("Guest"), signUp("Mod"), signUp("Outsider")]);
  server = await createServer(owner, "Messages");
  await join(guest, server);
  const view = await join(mod, server);
  await call(`/api/members/${memberOf(view, mod).id}?serverId=${server.id}`, { method: "PATCH", token: owner.token, body: { role: "MODERATOR" } });
  channelId = server.channels[0].id;
  path = `serverId=${server.id}&channelId=${channelId}`;
});

describe("channel messages", () => {
  it("creates a trimmed message with the author's public profile only", async () => {
    const res = await post(guest, { content: "  hello there  " });
    expect(res.status).toBe(201);
    const m = res.body;
    expect(m).toMatchObject({ content: "hello there", fileUrl: null, deleted: false, channelId, nonce: null });
    expect(m.version).toBeGreaterThan(0);
    expect(m.member.profile).toEqual({ id: guest.profile.id, name: "Guest", imageUrl: null });
    expect(m.member).toMatchObject({ role: "GUEST", serverId: server.id, profileId: guest.profile.id });
    expect(m.memberId).toBe(m.member.id);
    expect(Object.keys(m).sort()).toEqual(
      ["channelId", "content", "createdAt", "deleted", "fileUrl", "id", "member", "memberId", "nonce", "updatedAt", "version",
        "replyTo", "mentions", "mentionEveryone", "reactions", "pinned", "embeds"].sort(),
    );
    expect(m).toMatchObject({ replyTo: null, mentions: [], mentionEveryone: false, reactions: [], pinned: false, embeds: [] });
    expect(m.updatedAt).toBe(m.createdAt);
    expect(JSON.stringify(m)).not.toContain(guest.email);
  });

  it("enforces the content rules and membership, and a refusal changes nothing", async () => {
    const other = await createServer(outsider, "Elsewhere");
    const before = await snapshot();
    const cases: [unknown, number, string?][] = [
      [{ content: "   " }, 400],
      [{ content: "x".repeat(2001) }, 400],
      [{ content: 5 }, 400],
      [{}, 400],
      [{ content: "hi", nonce: "" }, 400],
      [{ content: "hi", nonce: "n".repeat(65) }, 400],
      [{ content: "hi", fileUrl: "https://evil.example/x.png" }, 400],
      [{ content: "hi", fileUrl: "javascript:alert(1)" }, 400],
    ];
    for (const [body, status] of cases) {
      const res = await post(guest, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error).toEqual(expect.any(String));
    }
    expect((await post(outsider, { content: "let me in" })).status).toBe(404);
    // a channel of another server, or a server that does not own the channel: 404
    expect((await post(guest, { content: "x" }, `serverId=${other.id}&channelId=${channelId}`)).status).toBe(404);
    expect((await post(outsider, { content: "x" }, `serverId=${other.id}&channelId=${channelId}`)).status).toBe(404);
    expect((await post(guest, { content: "x" }, `serverId=${server.id}&channelId=nope`)).status).toBe(404);
    expect((await post(guest, { content: "x" }, `channelId=${channelId}`)).status).toBe(400);
    expect((await call(`/api/socket/messages?${path}`, { method: "POST", token: guest.token, raw: "{oops", headers: { "content-type": "application/json" } })).status).toBe(400);
    expect(await snapshot()).toBe(before);
  });

  it("carries a file this product stored, with or without text, and no other", async () => {
    const url = await upload(guest);
    const bare = await post(guest, { content: "", fileUrl: url });
    expect(bare.status).toBe(201);
    expect(bare.body).toMatchObject({ content: "", fileUrl: url });
    expect((await post(guest, { content: "look", fileUrl: url })).body).toMatchObject({ content: "look", fileUrl: url });
    const forged = url.replace(/\/api\/files\/(.)/, (_m, ch) => `/api/files/${ch === "A" ? "B" : "A"}`);
    const before = await snapshot();
    expect((await post(guest, { content: "", fileUrl: forged })).status).toBe(400);
    expect((await post(guest, { content: "x", fileUrl: `${url}/../x` })).status).toBe(400);
    expect((await post(guest, { fileUrl: null })).status).toBe(400);
    expect(await snapshot()).toBe(before);
    // deleting drops the file from the message
    const gone = await call<Message>(`/api/socket/messages/${bare.body.id}?${path}`, { method: "DELETE", token: guest.token });
    expect(gone.body).toMatchObject({ fileUrl: null, deleted: true });
  });

  it("counts 2000 characters as code points", async () => {
    const res = await post(guest, { content: "😀".repeat(2000) });
    expect(res.status).toBe(201);
    expect((await post(guest, { content: "😀".repeat(2001) })).status).toBe(400);
  });

  it("lets only the author edit, and only live messages", async () => {
    const m = (await post(guest, { content: "draft" })).body;
    expect((await call(`/api/socket/messages/${m.id}?${path}`, { method: "PATCH", token: owner.token, body: { content: "hijack" } })).status).toBe(403);
    expect((await call(`/api/socket/messages/${m.id}?${path}`, { method: "PATCH", token: outsider.token, body: { content: "hijack" } })).status).toBe(404);
    expect((await call(`/api/socket/messages/${m.id}?${path}`, { method: "PATCH", token: guest.token, body: { content: "  " } })).status).toBe(400);
    const edited = await call<Message>(`/api/socket/messages/${m.id}?${path}`, { method: "PATCH", token: guest.token, body: { content: " final " } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id: m.id, content: "final", deleted: false });
    expect(edited.body.version).toBeGreaterThan(m.version);
    expect(edited.body.updatedAt >= m.updatedAt).toBe(true);
    expect((await call(`/api/socket/messages/${m.id}?serverId=${server.id}&channelId=other`, { method: "PATCH", token: guest.token, body: { content: "x" } })).status).toBe(404);
  });

  it("soft-deletes for the author, ADMIN and MODERATOR but not for another guest", async () => {
    // people of their own, so the earlier tests' messages do not count against the message rate limit
    const [author, other] = await Promise.all([signUp("Author"), signUp("Other")]);
    await join(author, server);
    await join(other, server);
    for (const deleter of [author, owner, mod]) {
      const m = (await post(author, { content: "bye" })).body;
      expect((await call(`/api/socket/messages/${m.id}?${path}`, { method: "DELETE", token: other.token })).status).toBe(403);
      const res = await call<Message>(`/api/socket/messages/${m.id}?${path}`, { method: "DELETE", token: deleter.token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: m.id, content: "This message has been deleted.", fileUrl: null, deleted: true });
      expect(res.body.version).toBeGreaterThan(m.version);
      expect((await call(`/api/socket/messages/${m.id}?${path}`, { method: "DELETE", token: deleter.token })).status).toBe(404);
      expect((await call(`/api/socket/messages/${m.id}?${path}`, { method: "PATCH", token: author.token, body: { content: "back" } })).status).toBe(404);
    }
  });

  it("makes one message for one nonce, even when the requests race", async () => {
    const nonce = crypto.randomUUID();
    const racer = await signUp("Racer");
    await join(racer, server);
    const results = await Promise.all(Array.from({ length: 8 }, () => post(racer, { content: "once", nonce })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results[0].body.nonce).toBe(nonce);
    const rows = await sql.execute({ sql: "SELECT count(*) AS n FROM messages WHERE nonce = ?", args: [nonce] });
    expect(Number(rows.rows[0].n)).toBe(1);
    // the same nonce from another member is another message
    expect((await post(mod, { content: "once", nonce })).status).toBe(201);
  });
});

describe("history and catch-up", () => {
  let room: ServerView;
  let roomPath: string;
  let roomChannel: string;
  beforeAll(async () => {
    room = await createServer(owner, "History");
    roomChannel = room.channels[0].id;
    roomPath = `serverId=${room.id}&channelId=${roomChannel}`;
  });
  const page = (q: string) => call<Page<Message> & { error: string }>(`/api/messages?channelId=${roomChannel}&${q}`, { token: owner.token });

  it("pages newest first, each message exactly once, even with equal timestamps", async () => {
    // 23 messages written with one and the same timestamp and ids in random order: only the database's order counts
    const member = room.members[0].id;
    const stamp = "2026-01-01T00:00:00.000Z";
    const ids = Array.from({ length: 23 }, (_, i) => `zz${Math.random().toString(36).slice(2, 10)}${i}`);
    await sql.batch(
      ids.map((id, i) => ({
        sql: "INSERT INTO messages (id, content, channel_id, member_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        args: [id, `m${i}`, roomChannel, member, stamp, stamp],
      })),
      "write",
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await page(`limit=10${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((m) => m.content));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => `m${22 - i}`));
    const def = await page("");
    expect(def.body.items).toHaveLength(10);
    const exact = await page("limit=23");
    expect(exact.body.items).toHaveLength(23);
    expect(exact.body.nextCursor).toBeNull();
    const capped = await page("limit=500");
    expect(capped.body.items).toHaveLength(23);
  });

  it("refuses bad limits and cursors it did not issue", async () => {
    for (const q of ["limit=0", "limit=-1", "limit=abc", "limit=1.5", "cursor=forged", "cursor=", "after=-1", "after=x", "after=1&cursor=x"]) {
      const res = await page(q);
      expect(res.status, q).toBe(400);
      expect(res.body.error).toEqual(expect.any(String));
    }
    // a real message id from another channel is not a cursor of this one
    const elsewhere = (await post(owner, { content: "elsewhere" })).body;
    expect((await page(`cursor=${elsewhere.id}`)).status).toBe(400);
    expect((await call(`/api/messages?channelId=${roomChannel}`, { token: guest.token })).status).toBe(404);
    expect((await call(`/api/messages`, { token: owner.token })).status).toBe(400);
    expect((await call(`/api/messages?channelId=${roomChannel}`)).status).toBe(401);
  });

  it("returns exactly what changed after a version, lowest version first, also when writes race", async () => {
    const start = await page("limit=1");
    const base = Math.max(0, ...start.body.items.map((m) => m.version));
    // four writers, so each stays within the message rate limit (5 per 5 s in a room)
    const writers = [owner, guest, mod, outsider];
    for (const w of writers.slice(1)) await join(w, room);
    const mine = await Promise.all(Array.from({ length: 12 }, (_, i) => post(writers[i % 4], { content: `race ${i}` }, roomPath)));
    const [first, second] = [mine[0].body, mine[1].body];
    await Promise.all([
      call(`/api/socket/messages/${first.id}?${roomPath}`, { method: "PATCH", token: owner.token, body: { content: "race edited" } }),
      call(`/api/socket/messages/${second.id}?${roomPath}`, { method: "DELETE", token: owner.token }),
      ...Array.from({ length: 5 }, (_, i) => post(writers[(i + 1) % 4], { content: `late ${i}` }, roomPath)),
    ]);
    const got: Message[] = [];
    let after = String(base);
    for (;;) {
      const res = await page(`after=${after}&limit=4`);
      expect(res.status).toBe(200);
      got.push(...res.body.items);
      if (!res.body.nextCursor) break;
      after = res.body.nextCursor;
    }
    const versions = got.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(got.map((m) => m.id)).size).toBe(17);
    expect(got).toHaveLength(17);
    expect(got.find((m) => m.id === first.id)?.content).toBe("race edited");
    expect(got.find((m) => m.id === second.id)?.deleted).toBe(true);
    const tail = await page(`after=${Math.max(...versions)}`);
    expect(tail.body).toEqual({ items: [], nextCursor: null });
  });
});

describe("direct messages", () => {
  let conversation: Conversation;
  let dm: string;
  beforeAll(async () => {
    const res = await call<Conversation>("/api/conversations", { method: "POST", token: guest.token, body: { serverId: server.id, memberId: server.members[0].id } });
    conversation = res.body;
    dm = `conversationId=${conversation.id}`;
  });

  it("lets the two members write, edit, delete and read, and nobody else", async () => {
    const sent = await call<Message>(`/api/socket/direct-messages?${dm}`, { method: "POST", token: guest.token, body: { content: "psst", nonce: "dm-1" } });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ content: "psst", conversationId: conversation.id, nonce: "dm-1" });
    expect(sent.body).not.toHaveProperty("channelId");
    const again = await call<Message>(`/api/socket/direct-messages?${dm}`, { method: "POST", token: guest.token, body: { content: "psst", nonce: "dm-1" } });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(sent.body.id);
    expect((await call(`/api/socket/direct-messages?${dm}`, { method: "POST", token: mod.token, body: { content: "me too" } })).status).toBe(404);
    expect((await call(`/api/direct-messages?${dm}`, { token: mod.token })).status).toBe(404);

    const reply = await call<Message>(`/api/socket/direct-messages?${dm}`, { method: "POST", token: owner.token, body: { content: "hi" } });
    expect(reply.status).toBe(201);
    expect((await call(`/api/socket/direct-messages/${sent.body.id}?${dm}`, { method: "PATCH", token: owner.token, body: { content: "x" } })).status).toBe(403);
    const edited = await call<Message>(`/api/socket/direct-messages/${sent.body.id}?${dm}`, { method: "PATCH", token: guest.token, body: { content: "psst!" } });
    expect(edited.body.content).toBe("psst!");
    // the owner is ADMIN of the conversation's server, so may delete the guest's message
    const deleted = await call<Message>(`/api/socket/direct-messages/${sent.body.id}?${dm}`, { method: "DELETE", token: owner.token });
    expect(deleted.body).toMatchObject({ deleted: true, content: "This message has been deleted." });
    expect((await call(`/api/socket/direct-messages/${reply.body.id}?${dm}`, { method: "DELETE", token: guest.token })).status).toBe(403);

    const hist = await call<Page<Message>>(`/api/direct-messages?${dm}`, { token: owner.token });
    expect(hist.body.items.map((m) => m.id)).toEqual([reply.body.id, sent.body.id]);
    expect(hist.body.nextCursor).toBeNull();
    const changes = await call<Page<Message>>(`/api/direct-messages?${dm}&after=${sent.body.version}`, { token: guest.token });
    expect(changes.body.items.map((m) => m.id)).toEqual([reply.body.id, sent.body.id]);
  });
});
