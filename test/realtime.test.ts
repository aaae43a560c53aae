// Rooms against the real worker (wrangler dev, the rooms in it) and sqld: tickets, fan-out with the Socket.io keys,
// commit order under concurrent writes, refusals at the door, removals, access that outlives a lost notice, and
// writes that succeed when the rooms cannot be reached.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Conversation, Message, Page, ServerView } from "../contract";
import { messagesKey, messagesUpdateKey, serverKey, signTicket } from "../contract";
import { call, configWithoutRooms, createServer, join as joinServer, memberOf, postMessage, realtimeSecret, secondWorker, sessionIdOf, signUp, workerUrl } from "./helpers";
import type { Person } from "./helpers";
import { join, openRoom, roomUrl, ticketFor } from "./rooms";

let ann: Person, bob: Person, eve: Person;
let server: ServerView;
let channelId: string;
let q: string;

beforeAll(async () => {
  [ann, bob, eve] = await Promise.all([signUp("Ann"), signUp("Bob"), signUp("Eve")]);
  server = await createServer(ann, "Live");
  server = await joinServer(bob, server);
  channelId = server.channels[0].id;
  q = `serverId=${server.id}&channelId=${channelId}`;
});

describe("fan-out", () => {
  it("delivers create, edit and delete to every member in the room, with the HTTP answer as data", async () => {
    const [a, b] = await Promise.all([join(ann, channelId), join(bob, channelId)]);
    const created = (await call<Message>(`/api/socket/messages?${q}`, { method: "POST", token: ann.token, body: { content: "live!", nonce: "n-1" } })).body;
    for (const client of [a, b]) {
      const frame = await client.next((f) => f.key === messagesKey(channelId));
      expect(frame).toEqual({ key: `chat:${channelId}:messages`, data: created });
    }
    const edited = (await call<Message>(`/api/socket/messages/${created.id}?${q}`, { method: "PATCH", token: ann.token, body: { content: "live, edited" } })).body;
    const deleted = (await call<Message>(`/api/socket/messages/${created.id}?${q}`, { method: "DELETE", token: ann.token })).body;
    for (const client of [a, b]) {
      await client.next((f) => f.key === messagesUpdateKey(channelId) && f.data.deleted);
      const updates = client.frames.filter((f) => f.key === `chat:${channelId}:messages:update`);
      expect(updates).toEqual([{ key: `chat:${channelId}:messages:update`, data: edited }, { key: `chat:${channelId}:messages:update`, data: deleted }]);
    }
    // a repeated nonce answers the first message and is not broadcast again
    const repeated = await call<Message>(`/api/socket/messages?${q}`, { method: "POST", token: ann.token, body: { content: "live!", nonce: "n-1" } });
    expect(repeated.status).toBe(200);
    expect(repeated.body.id).toBe(created.id);
    const again = await postMessage(bob, q, "after");
    await b.next((f) => f.data.id === again.body.id);
    expect(b.frames.filter((f) => f.key === messagesKey(channelId)).map((f) => f.data.id)).toEqual([created.id, again.body.id]);
    a.close();
    b.close();
  });

  it("does the same for a conversation, and only its two members get in", async () => {
    const conversation = (await call<Conversation>("/api/conversations", { method: "POST", token: bob.token, body: { serverId: server.id, memberId: memberOf(server, ann).id } })).body;
    const [a, b] = await Promise.all([join(ann, conversation.id), join(bob, conversation.id)]);
    const sent = (await call<Message>(`/api/socket/direct-messages?conversationId=${conversation.id}`, { method: "POST", token: bob.token, body: { content: "dm" } })).body;
    expect(await a.next((f) => f.key === messagesKey(conversation.id))).toEqual({ key: `chat:${conversation.id}:messages`, data: sent });
    const edited = (await call<Message>(`/api/socket/direct-messages/${sent.id}?conversationId=${conversation.id}`, { method: "PATCH", token: bob.token, body: { content: "dm!" } })).body;
    expect(await b.next((f) => f.key === messagesUpdateKey(conversation.id))).toEqual({ key: `chat:${conversation.id}:messages:update`, data: edited });
    await joinServer(eve, server);
    expect((await call(`/api/realtime/ticket?room=${conversation.id}`, { token: eve.token })).status).toBe(404);
    a.close();
    b.close();
  });

  it("drops what a socket sends instead of echoing it to others", async () => {
    const [a, b] = await Promise.all([join(ann, channelId), join(bob, channelId)]);
    a.send(JSON.stringify({ key: messagesKey(channelId), data: { id: "fake", content: "spoof" } }));
    a.send("junk");
    const real = (await postMessage(ann, q, "real")).body;
    await b.next((f) => f.data.id === real.id);
    expect(b.frames.map((f) => f.data.id)).toEqual([real.id]);
    a.close();
    b.close();
  });
});

describe("server events", () => {
  it("tells the server's room about new channels, joins, role changes and renames, with the ServerView", async () => {
    const owner = await signUp("Host");
    const fresh = await createServer(owner, "Sidebar");
    const room = await join(owner, fresh.id);
    const key = serverKey(fresh.id);
    const created = await call<ServerView>(`/api/channels?serverId=${fresh.id}`, { method: "POST", token: owner.token, body: { name: "news", type: "TEXT" } });
    expect((await room.next((f) => f.key === key && (f.data as unknown as ServerView).channels.length === 2)).data).toEqual(created.body);
    const dan = await signUp("Dan");
    const joined = await joinServer(dan, fresh);
    expect((await room.next((f) => f.key === key && (f.data as unknown as ServerView).members.length === 2)).data).toEqual(joined);
    const promoted = await call<ServerView>(`/api/members/${memberOf(joined, dan).id}?serverId=${fresh.id}`, { method: "PATCH", token: owner.token, body: { role: "MODERATOR" } });
    expect((await room.next((f) => f.key === key && (f.data as unknown as ServerView).members.some((m) => m.role === "MODERATOR"))).data).toEqual(promoted.body);
    await call(`/api/servers/${fresh.id}`, { method: "PATCH", token: owner.token, body: { name: "Renamed" } });
    expect((await room.next((f) => f.key === key && (f.data as unknown as ServerView).name === "Renamed")).data).toMatchObject({ id: fresh.id, name: "Renamed" });
    room.close();
  });
});

describe("room order", () => {
  it("sends the message events of concurrent writers in the order they committed", async () => {
    const writers = await Promise.all(["W1", "W2", "W3", "W4"].map((n) => signUp(n)));
    for (const w of writers) await joinServer(w, server);
    const listener = await join(ann, channelId);
    const posts = await Promise.all(
      writers.flatMap((w, i) =>
        Array.from({ length: 5 }, (_, k) => postMessage(w, q, `burst ${i}.${k}`)),
      ),
    );
    expect(posts.every((p) => p.status === 201)).toBe(true);
    const ids = new Set(posts.map((p) => p.body.id));
    await listener.next(() => listener.frames.filter((f) => ids.has(f.data.id)).length === ids.size, 10_000);
    const versions = listener.frames.filter((f) => ids.has(f.data.id)).map((f) => f.data.version);
    expect(versions).toEqual([...versions].sort((x, y) => x - y));
    expect(new Set(versions).size).toBe(ids.size);
    listener.close();
  });
});

describe("room auth", () => {
  it("gives tickets to members only, bound to one room and at least a minute ahead", async () => {
    const t = await ticketFor(bob, channelId);
    // the rooms are the worker's own: the host is the one the request came to
    expect(t).toMatchObject({ party: "main", room: channelId, host: new URL(workerUrl).host });
    expect(Date.parse(t.expiresAt) - Date.now()).toBeGreaterThanOrEqual(60_000);
    const stranger = await signUp("Stranger");
    expect((await call(`/api/realtime/ticket?room=${channelId}`, { token: stranger.token })).status).toBe(404);
    // a person's own room is theirs alone
    expect((await ticketFor(bob, bob.profile.id)).room).toBe(bob.profile.id);
    expect((await call(`/api/realtime/ticket?room=${bob.profile.id}`, { token: stranger.token })).status).toBe(404);
    // the server's own room, for server-wide events such as who is in voice, is for its members too
    expect((await ticketFor(bob, server.id)).room).toBe(server.id);
    expect((await call(`/api/realtime/ticket?room=${server.id}`, { token: stranger.token })).status).toBe(404);
    expect((await call(`/api/realtime/ticket?room=nope`, { token: bob.token })).status).toBe(404);
    expect((await call(`/api/realtime/ticket`, { token: bob.token })).status).toBe(400);
    expect((await call(`/api/realtime/ticket?room=${channelId}`)).status).toBe(401);
  });

  it("refuses a missing, forged, expired or other-room ticket before the socket opens", async () => {
    const t = await ticketFor(bob, channelId);
    const other = await createServer(bob, "Other");
    const otherTicket = await ticketFor(bob, other.channels[0].id);
    const now = Date.now();
    const expired = await signTicket(realtimeSecret, { room: channelId, profileId: bob.profile.id, sessionId: sessionIdOf(bob.token), iat: now - 120_000, exp: now - 1000 });
    const forged = await signTicket("not the secret", { room: channelId, profileId: bob.profile.id, sessionId: sessionIdOf(bob.token), iat: now, exp: now + 60_000 });
    const tampered = t.ticket.replace(/^./, (ch) => (ch === "e" ? "f" : "e"));
    const cases: [string | undefined, number][] = [[undefined, 401], ["", 401], [forged, 401], [tampered, 401], [expired, 401], [otherTicket.ticket, 403]];
    for (const [ticket, status] of cases) {
      await expect(openRoom(roomUrl(t, ticket)), String(ticket)).rejects.toMatchObject({ status });
    }
    // and partysocket's own _pk parameter is accepted beside a good ticket
    const ok = await openRoom(`${roomUrl(t, t.ticket)}&_pk=${crypto.randomUUID()}`);
    ok.close();
  });

  it("refuses every plain HTTP request at the door, ticket or not, and broadcasts nothing", async () => {
    const b = await join(bob, channelId);
    const t = await ticketFor(bob, channelId);
    const forgedBody = JSON.stringify({ key: messagesKey(channelId), data: { id: "forged" } });
    for (const method of ["GET", "POST", "PUT", "DELETE"]) {
      for (const query of ["", `?ticket=${encodeURIComponent(t.ticket)}`]) {
        const res = await fetch(`${workerUrl}/parties/main/${channelId}${query}`, { method, body: method === "GET" ? undefined : forgedBody });
        expect([401, 403, 404, 405], `${method} ${query}`).toContain(res.status);
      }
    }
    // another party, or no room at all, is no way in either
    const otherParty = await fetch(`${workerUrl}/parties/other/${channelId}`, { method: "POST", body: forgedBody });
    expect(otherParty.status).toBe(404);
    expect(await otherParty.json()).toEqual({ error: expect.any(String) });
    expect((await fetch(`${workerUrl}/parties/main`, { method: "POST", body: forgedBody })).status).toBe(404);
    const real = (await postMessage(ann, q, "after the forgery")).body;
    await b.next((f) => f.data.id === real.id);
    expect(b.frames.map((f) => f.data.id)).toEqual([real.id]);
    b.close();
  });

  it("closes the sockets of a kicked member and keeps their old ticket out", async () => {
    const carl = await signUp("Carl");
    const view = await joinServer(carl, server);
    const t = await ticketFor(carl, channelId);
    const c = await openRoom(roomUrl(t, t.ticket));
    const serverRoom = await join(carl, server.id);
    const kicked = await call(`/api/members/${memberOf(view, carl).id}?serverId=${server.id}`, { method: "DELETE", token: ann.token });
    expect(kicked.status).toBe(200);
    expect((await c.closed).code).toBe(4003);
    expect((await serverRoom.closed).code).toBe(4003);
    // the old ticket still opens the socket, and the room puts it straight out
    const retry = await openRoom(roomUrl(t, t.ticket));
    expect((await retry.closed).code).toBe(4003);
    expect((await call(`/api/realtime/ticket?room=${channelId}`, { token: carl.token })).status).toBe(404);
  });

  it("closes a deleted channel's sockets and keeps tickets issued before out", async () => {
    const made = (await call<ServerView>(`/api/channels?serverId=${server.id}`, { method: "POST", token: ann.token, body: { name: "doomed", type: "TEXT" } })).body;
    const doomed = made.channels.find((ch) => ch.name === "doomed")!;
    const t = await ticketFor(bob, doomed.id);
    const b = await openRoom(roomUrl(t, t.ticket));
    expect((await call(`/api/channels/${doomed.id}?serverId=${server.id}`, { method: "DELETE", token: ann.token })).status).toBe(200);
    expect((await b.closed).code).toBe(4003);
    const retry = await openRoom(roomUrl(t, t.ticket));
    expect((await retry.closed).code).toBe(4003);
  });
});

describe("access that outlives a lost notice", () => {
  // Its rooms are not the suite worker's, so a kick made through the suite worker tells rooms where these sockets
  // are not: for them, the notice is lost. They re-check access every 2 seconds instead of every 5 minutes.
  const second = secondWorker({ REALTIME_RECHECK_SECONDS: "2" });
  beforeAll(() => second.start(), 90_000);
  afterAll(() => second.stop());

  it("puts out a kicked member at the room's next re-check, and keeps their old ticket out; members stay", async () => {
    const [dora, fred] = await Promise.all([signUp("Dora"), signUp("Fred")]);
    const view = await joinServer(dora, server);
    await joinServer(fred, server);
    const doraTicket = await ticketFor(dora, channelId, second.url);
    const [d, f] = await Promise.all([openRoom(roomUrl(doraTicket, doraTicket.ticket)), join(fred, channelId, second.url)]);
    const kicked = await call(`/api/members/${memberOf(view, dora).id}?serverId=${server.id}`, { method: "DELETE", token: ann.token });
    expect(kicked.status).toBe(200);
    expect((await d.closed).code).toBe(4003);
    // the ticket from before the kick: still unexpired, and the room asks the database before it trusts it again
    const retry = await openRoom(roomUrl(doraTicket, doraTicket.ticket));
    expect((await retry.closed).code).toBe(4003);
    // a member who kept access was checked too, and stays: the room still delivers to them
    const sent = (await postMessage(fred, q, "still here", second.url)).body;
    expect((await f.next((frame) => frame.data.id === sent.id)).data).toEqual(sent);
    f.close();
  });
});

describe("with the rooms unreachable", () => {
  // the same worker, but its rooms' binding names a worker that is not running: every notice fails
  const rooms = configWithoutRooms();
  const second = secondWorker({}, rooms.config);
  beforeAll(() => second.start(), 90_000);
  afterAll(async () => {
    await second.stop();
    rooms.remove();
  });

  it("still saves the message, and clients catch up over HTTP", async () => {
    const res = await postMessage(ann, q, "nobody is listening", second.url);
    expect(res.status).toBe(201);
    const sent = res.body;
    const page = await call<Page<Message>>(`/api/messages?channelId=${channelId}&after=${sent.version - 1}`, { token: bob.token });
    expect(page.body.items.map((m) => m.id)).toContain(sent.id);
    // the kick succeeds too, though no room hears of it
    const eli = await signUp("Eli");
    const view = await joinServer(eli, server);
    const kick = await call(`/api/members/${memberOf(view, eli).id}?serverId=${server.id}`, { method: "DELETE", token: ann.token, base: second.url });
    expect(kick.status).toBe(200);
  });
});
