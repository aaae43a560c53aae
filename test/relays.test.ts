// A room past one Durable Object (party/relays.ts): with ROOM_RELAY_SOCKETS at 20, a room's sockets spread over its
// root and relay objects, and nothing changes for a client: every message once and in order on every socket, a kick
// closes the person's sockets wherever they are, presence counts each person once, typing reaches every relay.
// Against a second worker (wrangler dev, the suite's database) with that setting.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Member, Message, Presence, PresenceUpdate, ServerView, Typing } from "../contract";
import { CLOSE_REMOVED, messagesKey, presenceKey, presenceUpdateKey, typingKey } from "../contract";
import { call, channelQuery, memberOf, secondWorker, signUp } from "./helpers";
import type { Person } from "./helpers";
import { join, openRoom, ticketFor } from "./rooms";
import type { RoomClient } from "./rooms";

const WAIT = 15_000;
const PER_RELAY = 20;
const second = secondWorker({ ROOM_RELAY_SOCKETS: String(PER_RELAY), RATE_LIMIT_MESSAGES: "1000/60" });
let people: Person[];
let server: ServerView;
const open: RoomClient[] = [];

beforeAll(async () => {
  await second.start();
  people = [];
  for (let i = 0; i < 10; i++) people.push(await signUp(`Relay ${i}`));
  server = (await call<ServerView>("/api/servers", { method: "POST", token: people[0].token, body: { name: "Relays" }, base: second.url })).body;
  for (const p of people.slice(1)) expect((await call(`/api/invite/${server.inviteCode}`, { method: "POST", token: p.token, base: second.url })).status).toBe(200);
  server = (await call<ServerView>(`/api/servers/${server.id}`, { token: people[0].token, base: second.url })).body;
}, 120_000);
afterAll(async () => {
  open.forEach((c) => c.close());
  await second.stop();
});

/** `count` sockets for each person, opened person by person (their tabs together, as a person's tabs come). */
async function crowd(room: string, count: number, who = people) {
  const sockets: { person: Person; client: RoomClient }[] = [];
  for (const person of who) {
    const clients = await Promise.all(Array.from({ length: count }, () => join(person, room, second.url)));
    open.push(...clients);
    sockets.push(...clients.map((client) => ({ person, client })));
  }
  return sockets;
}

const addChannel = async (name: string) => {
  const view = (await call<ServerView>(`/api/channels?serverId=${server.id}`, { method: "POST", token: people[0].token, body: { name, type: "TEXT" }, base: second.url })).body;
  return view.channels.find((c) => c.name === name)!.id;
};

describe("a room past one object", () => {
  it("spreads 200 sockets over its root and relays, and every socket gets every message once, in commit order", async () => {
    const channelId = await addChannel("crowded");
    const sockets = await crowd(channelId, 20);
    const objects = new Map<string, number>();
    for (const { client } of sockets) objects.set(client.object!, (objects.get(client.object!) ?? 0) + 1);
    // the root and nine relays, 20 sockets each, and one person's tabs in one place
    expect([...objects.keys()].sort()).toEqual([channelId, ...Array.from({ length: 9 }, (_, k) => `${channelId}~${k}`)].sort());
    expect([...objects.values()].every((n) => n === PER_RELAY)).toBe(true);
    for (const p of people) expect(new Set(sockets.filter((s) => s.person === p).map((s) => s.client.object)).size).toBe(1);

    const posts = await Promise.all(Array.from({ length: 30 }, (_, i) => call<Message>(`/api/socket/messages?${channelQuery(server, channelId)}`, { method: "POST", token: people[i % 10].token, body: { content: `relayed ${i}` }, base: second.url })));
    expect(posts.every((r) => r.status === 201)).toBe(true);
    const inOrder = posts.map((r) => r.body).sort((a, b) => a.version - b.version).map((m) => m.id);
    for (const { client } of sockets) {
      await expect.poll(() => client.frames.filter((f) => f.key === messagesKey(channelId)).length, { timeout: WAIT }).toBe(30);
      expect(client.frames.filter((f) => f.key === messagesKey(channelId)).map((f) => f.data.id)).toEqual(inOrder);
    }
  });

  it("closes a kicked person's sockets with 4003 on every object, and nobody else's", async () => {
    const channelId = await addChannel("kick");
    const sockets = await crowd(channelId, 15);
    const kicked = people[5];
    const theirs = sockets.filter((s) => s.person === kicked);
    expect(new Set(sockets.map((s) => s.client.object)).size).toBeGreaterThan(2);
    const res = await call(`/api/members/${memberOf(server, kicked).id}?serverId=${server.id}`, { method: "DELETE", token: people[0].token, base: second.url });
    expect(res.status).toBe(200);
    for (const { client } of theirs) expect((await client.closed).code).toBe(CLOSE_REMOVED);
    // the others still hear the room
    const after = await call<Message>(`/api/socket/messages?${channelQuery(server, channelId)}`, { method: "POST", token: people[1].token, body: { content: "still here" }, base: second.url });
    expect(after.status).toBe(201);
    for (const { client } of sockets.filter((s) => s.person !== kicked)) await client.next((f) => f.key === messagesKey(channelId) && f.data.id === after.body.id, WAIT);
    // back for the next tests
    expect((await call(`/api/invite/${server.inviteCode}`, { method: "POST", token: kicked.token, base: second.url })).status).toBe(200);
  });

  it("relays typing to every object, never back to the socket that typed", async () => {
    const channelId = await addChannel("typing");
    const sockets = await crowd(channelId, 10);
    const typist = sockets.find((s) => s.client.object !== channelId)!;
    typist.client.send(JSON.stringify({ type: "typing" }));
    for (const { client } of sockets.filter((s) => s.person !== typist.person))
      await client.next((f) => f.key === typingKey(channelId) && (f.data as unknown as Typing).profileId === typist.person.profile.id, WAIT);
    expect(typist.client.frames.filter((f) => f.key === typingKey(channelId))).toEqual([]);
  });
});

describe("the door", () => {
  it("answers 404 to a path naming a relay, even with a valid ticket for its room", async () => {
    const channelId = await addChannel("door");
    const t = await ticketFor(people[0], channelId, second.url);
    await expect(openRoom(`ws://${t.host}/parties/${t.party}/${channelId}~0?ticket=${encodeURIComponent(t.ticket)}`)).rejects.toMatchObject({ status: 404 });
  });
});

describe("presence over relays", () => {
  it("counts each person once, whichever objects their sockets are on, and tells once when they go", async () => {
    server = (await call<ServerView>(`/api/servers/${server.id}`, { token: people[0].token, base: second.url })).body;
    const sockets = await crowd(server.id, 8);
    expect(new Set(sockets.map((s) => s.client.object)).size).toBeGreaterThan(2);
    const everyone = people.map((p) => p.profile.id).sort();
    const presence = await call<Presence>(`/api/servers/${server.id}/presence`, { token: people[0].token, base: second.url });
    expect(presence.body.online.sort()).toEqual(everyone);
    // the last socket to open heard everyone in its first frame, each once
    const last = sockets[sockets.length - 1].client;
    const first = (await last.next((f) => f.key === presenceKey(server.id), WAIT)).data as unknown as Presence;
    expect(first.online.sort()).toEqual(everyone);

    const leaver = people[3];
    const watcher = sockets.find((s) => s.person === people[0])!.client;
    for (const { client } of sockets.filter((s) => s.person === leaver)) client.close();
    const offline = (f: { key: string; data: unknown }) => f.key === presenceUpdateKey(server.id) && (f.data as PresenceUpdate).profileId === leaver.profile.id && !(f.data as PresenceUpdate).online;
    await watcher.next(offline, WAIT);
    await expect.poll(async () => (await call<Presence>(`/api/servers/${server.id}/presence`, { token: people[0].token, base: second.url })).body.online.includes(leaver.profile.id), { timeout: WAIT }).toBe(false);
    expect(watcher.frames.filter(offline)).toHaveLength(1);
  });
});
