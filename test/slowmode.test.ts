// Slowmode through the API: set by ADMIN or MODERATOR on a channel (general too), 0 to 21,600 seconds; a GUEST
// waits that long between two messages there (429 with Retry-After, also when posts race), staff never wait.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Channel, Message, ServerView } from "../contract";
import { addChannel, call, channelQuery, createServer, general, join, memberOf, postMessage, signUp, snapshot } from "./helpers";
import type { Person } from "./helpers";
import { join as joinRoom } from "./rooms";

let ann: Person, mod: Person, gus: Person;
let server: ServerView;
beforeAll(async () => {
  [ann, mod, gus] = await Promise.all(["Ann", "Mod", "Gus"].map((n) => signUp(n)));
  server = await createServer(ann, "Slow");
  server = await join(mod, server);
  server = await join(gus, server);
  await call(`/api/members/${memberOf(server, mod).id}?serverId=${server.id}`, { method: "PATCH", token: ann.token, body: { role: "MODERATOR" } });
});

const slow = (p: Person, channelId: string, body: unknown) => call<ServerView>(`/api/channels/${channelId}?serverId=${server.id}`, { method: "PATCH", token: p.token, body });
const channelOf = (view: ServerView, id: string) => view.channels.find((c) => c.id === id) as Channel;

async function expectSlowed(res: { status: number; body: any; headers: Headers }, max: number) {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get("retry-after"));
  expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= max).toBe(true);
  expect(res.body).toEqual({ error: expect.stringMatching(/slowmode/i), retryAfter });
}

describe("slowmode", () => {
  it("is set by ADMIN or MODERATOR, on general too, shows in the ServerView and reaches the server's room; a GUEST may not set it", async () => {
    const room = await joinRoom(gus, server.id);
    const set = await slow(mod, general(server).id, { slowmodeSeconds: 30 });
    expect(set.status).toBe(200);
    expect(channelOf(set.body, general(server).id)).toMatchObject({ name: "general", slowmodeSeconds: 30 });
    const frame = await room.next((e) => e.key === `chat:${server.id}:server` && channelOf(e.data as unknown as ServerView, general(server).id)?.slowmodeSeconds === 30);
    expect(frame).toBeTruthy();
    room.close();
    expect(channelOf((await call<ServerView>(`/api/servers/${server.id}`, { token: gus.token })).body, general(server).id).slowmodeSeconds).toBe(30);
    const before = await snapshot();
    expect((await slow(gus, general(server).id, { slowmodeSeconds: 0 })).status).toBe(403);
    for (const bad of [-1, 21_601, 1.5, "10", null, true]) expect((await slow(ann, general(server).id, { slowmodeSeconds: bad })).status, String(bad)).toBe(400);
    // general's name and type stay what they are
    expect((await slow(ann, general(server).id, { slowmodeSeconds: 5, name: "lobby" })).status).toBe(400);
    expect(await snapshot()).toBe(before);
    expect((await slow(ann, general(server).id, { slowmodeSeconds: 21_600 })).status).toBe(200);
    expect((await slow(ann, general(server).id, { slowmodeSeconds: 0 })).status).toBe(200);
    // a new channel starts without
    const fresh = await addChannel(ann, server.id, "fresh");
    expect(fresh.slowmodeSeconds).toBe(0);
  });

  it("makes a GUEST wait between two messages (429, Retry-After), changes nothing, and lets a retry of the same nonce through", async () => {
    const channel = await addChannel(ann, server.id, "slowed");
    expect((await slow(ann, channel.id, { slowmodeSeconds: 600 })).status).toBe(200);
    const q = channelQuery(server, channel.id);
    const first = await call<Message>(`/api/socket/messages?${q}`, { method: "POST", token: gus.token, body: { content: "first", nonce: "n-1" } });
    expect(first.status).toBe(201);
    const before = await snapshot();
    await expectSlowed(await postMessage(gus, q, "too soon"), 600);
    expect(await snapshot()).toBe(before);
    // the same nonce again is the first message, not a refusal
    const retry = await call<Message>(`/api/socket/messages?${q}`, { method: "POST", token: gus.token, body: { content: "first", nonce: "n-1" } });
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(first.body.id);
    // staff are exempt; another channel and a conversation are not slowed
    for (let i = 0; i < 3; i++) expect((await postMessage(mod, q, `mod ${i}`)).status).toBe(201);
    for (let i = 0; i < 3; i++) expect((await postMessage(ann, q, `admin ${i}`)).status).toBe(201);
    expect((await postMessage(gus, channelQuery(server), "general is not slowed")).status).toBe(201);
    const conversation = (await call<{ id: string }>("/api/conversations", { method: "POST", token: gus.token, body: { serverId: server.id, memberId: memberOf(server, ann).id } })).body;
    for (let i = 0; i < 2; i++) expect((await call(`/api/socket/direct-messages?conversationId=${conversation.id}`, { method: "POST", token: gus.token, body: { content: `dm ${i}` } })).status).toBe(201);
    // turned off: the guest posts again at once
    await slow(mod, channel.id, { slowmodeSeconds: 0 });
    expect((await postMessage(gus, q, "free again")).status).toBe(201);
  });

  it("holds when a GUEST's posts race: one of five gets in", async () => {
    const channel = await addChannel(ann, server.id, "racing");
    await slow(ann, channel.id, { slowmodeSeconds: 60 });
    const q = channelQuery(server, channel.id);
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => postMessage(gus, q, `race ${i}`)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(4);
  });

  it("lets the GUEST post again once the wait is over", async () => {
    const channel = await addChannel(ann, server.id, "brief");
    await slow(ann, channel.id, { slowmodeSeconds: 2 });
    const q = channelQuery(server, channel.id);
    expect((await postMessage(gus, q, "one")).status).toBe(201);
    await expectSlowed(await postMessage(gus, q, "two"), 2);
    await vi.waitFor(async () => expect((await postMessage(gus, q, "two, later")).status).toBe(201), { timeout: 5000, interval: 250 });
  });
});
