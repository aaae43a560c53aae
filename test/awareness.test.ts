// Typing and presence with real sockets against the real worker and its rooms: typing reaches the room's other
// sockets and not its sender, at most once per 2 s per person, and only in channel and conversation rooms; whatever
// else a socket sends is dropped; a server's room tells who is online (a snapshot to each new socket, an update when a
// person's first socket opens or their last closes, or they are put out), also over HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { Conversation, Presence, PresenceUpdate, ServerView, Typing } from "../contract";
import { activityKey, messagesKey, parseRoomFrames, presenceKey, presenceUpdateKey, serverKey, TYPING_INTERVAL_MS, typingKey } from "../contract";
import { call, configWithoutRooms, createServer, join as joinServer, memberOf, postMessage, secondWorker, signUp } from "./helpers";
import type { Person } from "./helpers";
import { join, roomUrl, ticketFor } from "./rooms";
import type { RoomClient, RoomEvent } from "./rooms";

const TYPING = JSON.stringify({ type: "typing" });
/** How long a test waits for a frame that must come: generous, for a busy machine; a frame that comes ends it. */
const WAIT = 10_000;

let ann: Person, bob: Person;
let server: ServerView;
let channelId: string;
let q: string;

beforeAll(async () => {
  [ann, bob] = await Promise.all([signUp("Ann Typist"), signUp("Bob Ñandú")]);
  server = await createServer(ann, "Awareness");
  server = await joinServer(bob, server);
  channelId = server.channels[0].id;
  q = `serverId=${server.id}&channelId=${channelId}`;
});

const typingFrames = (client: RoomClient, roomId: string) => client.frames.filter((f) => f.key === typingKey(roomId)) as unknown as RoomEvent<Typing>[];
const updates = (client: RoomClient) => client.frames.filter((f) => f.key.endsWith(":presence:update")) as unknown as RoomEvent<PresenceUpdate>[];
const closeAll = (...clients: RoomClient[]) => clients.forEach((c) => c.close());
/** A presence update's or typing frame's data (frames are typed as messages by default). */
const update = (f: RoomEvent) => f.data as unknown as PresenceUpdate;
const typing = (f: RoomEvent) => f.data as unknown as Typing;
/** A presence update from `who`, `online` or not. */
const isUpdate = (who: Person, online: boolean) => (f: RoomEvent) => f.key.endsWith(":presence:update") && update(f).profileId === who.profile.id && update(f).online === online;

/**
 * A browser tab on a room: it closes with 1001 ("going away") as a closing tab does, and `leave` resolves when the
 * room answered that close, so whatever the room does on a close is done. (A close without a code, as `RoomClient`
 * sends, is not answered by PartyServer, and `ws` reports it only when the connection ends, seconds later.)
 */
async function tab(person: Person, room: string) {
  const t = await ticketFor(person, room);
  const ws = new WebSocket(roomUrl(t, t.ticket));
  const frames: RoomEvent[] = [];
  ws.on("message", (data) => frames.push(...(parseRoomFrames(String(data)) as RoomEvent[])));
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  return {
    frames,
    leave: () =>
      new Promise<void>((resolve) => {
        (ws as unknown as { _receiver: NodeJS.EventEmitter })._receiver.once("conclude", () => {
          resolve();
          setImmediate(() => ws.terminate());
        });
        ws.close(1001, "tab closed");
      }),
  };
}

/** Polls until `condition` holds (or fails after `timeoutMs`), doing `step` before each look. */
async function until(condition: () => boolean, step: () => void = () => {}, timeoutMs = 10_000, everyMs = 50) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    step();
    if (condition()) return;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

describe("typing", () => {
  it("reaches the room's other sockets with who is typing, never the socket that sent it", async () => {
    const [a1, a2, b] = await Promise.all([join(ann, channelId), join(ann, channelId), join(bob, channelId)]);
    a1.send(TYPING);
    const relayed = await b.next((f) => f.key === typingKey(channelId), WAIT);
    expect(relayed).toEqual({ key: `chat:${channelId}:typing`, data: { profileId: ann.profile.id, memberId: memberOf(server, ann).id, name: "Ann Typist" } });
    // the sender's other tab hears it too (the client ignores its own person); the sender itself does not
    await a2.next((f) => f.key === typingKey(channelId), WAIT);
    const later = (await postMessage(bob, q, "a real frame after the typing")).body;
    await a1.next((f) => f.data.id === later.id, WAIT);
    expect(a1.frames.map((f) => f.key)).toEqual([messagesKey(channelId)]);
    closeAll(a1, a2, b);
  });

  it("relays one person's typing at most once per 2 seconds, over all their sockets", async () => {
    const [a1, a2, b] = await Promise.all([join(ann, channelId), join(ann, channelId), join(bob, channelId)]);
    // the room's clock is this machine's: the first relay happens after `first`, the second 2 s after that or later
    const first = Date.now();
    a1.send(TYPING);
    await b.next((f) => f.key === typingKey(channelId), WAIT);
    // within the interval: dropped, from the same socket and from another tab of the same person
    a1.send(TYPING);
    a2.send(TYPING);
    // another person is throttled on their own
    b.send(TYPING);
    await a1.next((f) => f.key === typingKey(channelId) && typing(f).profileId === bob.profile.id, WAIT);
    expect(typingFrames(b, channelId)).toHaveLength(1);
    // keep typing: the next one gets through once the interval has passed, not before
    await until(() => typingFrames(b, channelId).length === 2, () => a1.send(TYPING), 10_000, 100);
    expect(Date.now() - first).toBeGreaterThanOrEqual(TYPING_INTERVAL_MS - 50);
    closeAll(a1, a2, b);
  });

  it("works in a conversation, with the member of that conversation", async () => {
    const conversation = (await call<Conversation>("/api/conversations", { method: "POST", token: bob.token, body: { serverId: server.id, memberId: memberOf(server, ann).id } })).body;
    const [a, b] = await Promise.all([join(ann, conversation.id), join(bob, conversation.id)]);
    b.send(TYPING);
    expect((await a.next((f) => f.key === typingKey(conversation.id), WAIT)).data).toEqual({ profileId: bob.profile.id, memberId: memberOf(server, bob).id, name: "Bob Ñandú" });
    closeAll(a, b);
  });

  it("is dropped in a server's room and in a person's own room", async () => {
    const [a, b] = await Promise.all([join(ann, server.id), join(bob, server.id)]);
    await b.next((f) => f.key === presenceKey(server.id), WAIT);
    a.send(TYPING);
    const renamed = await call(`/api/servers/${server.id}`, { method: "PATCH", token: ann.token, body: { name: "Awareness!" } });
    expect(renamed.status).toBe(200);
    await b.next((f) => f.key === serverKey(server.id) && (f.data as unknown as ServerView).name === "Awareness!", WAIT);
    expect(b.frames.filter((f) => f.key.endsWith(":typing"))).toEqual([]);
    closeAll(a, b);

    const conversation = (await call<Conversation>("/api/conversations", { method: "POST", token: bob.token, body: { serverId: server.id, memberId: memberOf(server, ann).id } })).body;
    const [own1, own2] = await Promise.all([join(ann, ann.profile.id), join(ann, ann.profile.id)]);
    own1.send(TYPING);
    const dm = await call(`/api/socket/direct-messages?conversationId=${conversation.id}`, { method: "POST", token: bob.token, body: { content: "psst" } });
    expect(dm.status).toBe(201);
    await own2.next((f) => f.key === activityKey(ann.profile.id), WAIT);
    expect(own2.frames.map((f) => f.key)).toEqual([activityKey(ann.profile.id)]);
    closeAll(own1, own2);
  });
});

describe("what else a socket sends", () => {
  it("is dropped: junk, binary, huge frames and other JSON never reach anyone, and the socket stays open", async () => {
    const [a, b] = await Promise.all([join(ann, channelId), join(bob, channelId)]);
    for (const junk of [
      "junk", "", "{}", "[]", "null", '"typing"', '{"type":"typing","x":1}', '{"type":"TYPING"}', '{"type":"typing"',
      JSON.stringify({ key: typingKey(channelId), data: { profileId: "spoof", memberId: "spoof", name: "Spoof" } }),
      JSON.stringify({ key: messagesKey(channelId), data: { id: "fake", content: "spoof" } }),
      `{"type":"typing"}${" ".repeat(100_000)}`,
    ])
      a.send(junk);
    a.send(Buffer.from(TYPING) as unknown as string); // a binary frame, even of the right bytes
    const real = (await postMessage(ann, q, "real, after the junk")).body;
    await b.next((f) => f.data.id === real.id, WAIT);
    expect(b.frames.map((f) => f.key)).toEqual([messagesKey(channelId)]);
    // the same socket may still type
    a.send(TYPING);
    expect((await b.next((f) => f.key === typingKey(channelId), WAIT)).data).toMatchObject({ profileId: ann.profile.id });
    closeAll(a, b);
  });
});

describe("presence", () => {
  let owner: Person, carl: Person, dora: Person;
  let place: ServerView;
  beforeAll(async () => {
    [owner, carl, dora] = await Promise.all([signUp("Owner"), signUp("Carl"), signUp("Dora")]);
    place = await createServer(owner, "Presence");
    await joinServer(carl, place);
    place = await joinServer(dora, place);
  });
  const onlineOver = async (p: Person) => {
    const res = await call<Presence>(`/api/servers/${place.id}/presence`, { token: p.token });
    expect(res.status).toBe(200);
    return [...res.body.online].sort();
  };
  const sorted = (...people: Person[]) => people.map((p) => p.profile.id).sort();

  it("sends the snapshot to each new socket, and counts several tabs once", async () => {
    const key = presenceUpdateKey(place.id);
    const o = await join(owner, place.id);
    expect((await o.next((f) => f.key === presenceKey(place.id), WAIT)).data).toEqual({ online: [owner.profile.id] });
    expect(await onlineOver(carl)).toEqual(sorted(owner));

    // Carl's first tab: he hears who is online (the first frame), the others hear he came
    const c1 = await tab(carl, place.id);
    expect((await o.next((f) => f.key === key, WAIT)).data).toEqual({ profileId: carl.profile.id, online: true });
    await until(() => c1.frames.length > 0);
    expect(c1.frames[0].key).toBe(presenceKey(place.id));
    expect([...(c1.frames[0].data as unknown as Presence).online].sort()).toEqual(sorted(owner, carl));
    expect(c1.frames.filter((f) => f.key === key)).toEqual([]);

    // his second tab: a snapshot for it, no update for anyone (a later update, Dora's, comes first)
    const c2 = await join(carl, place.id);
    expect([...((await c2.next((f) => f.key === presenceKey(place.id), WAIT)).data as unknown as Presence).online].sort()).toEqual(sorted(owner, carl));
    const d = await join(dora, place.id);
    await o.next(isUpdate(dora, true), WAIT);
    expect(updates(o).map((f) => f.data)).toEqual([{ profileId: carl.profile.id, online: true }, { profileId: dora.profile.id, online: true }]);
    expect(await onlineOver(owner)).toEqual(sorted(owner, carl, dora));

    // closing one of his tabs: still online, nobody is told (Dora's going, told after, comes first)
    await c1.leave();
    d.close();
    await o.next(isUpdate(dora, false), WAIT);
    expect(updates(o).map((f) => f.data).slice(2)).toEqual([{ profileId: dora.profile.id, online: false }]);
    expect(await onlineOver(owner)).toEqual(sorted(owner, carl));

    // closing his last: offline, once
    c2.close();
    await o.next(isUpdate(carl, false), WAIT);
    expect(await onlineOver(owner)).toEqual(sorted(owner));
    const again = await join(dora, place.id);
    await o.next((f) => isUpdate(dora, true)(f) && updates(o).length > 4, WAIT);
    expect(updates(o).map((f) => f.data).slice(3)).toEqual([{ profileId: carl.profile.id, online: false }, { profileId: dora.profile.id, online: true }]);
    closeAll(o, again);
  });

  it("counts a member put out with 4003 as gone offline, once", async () => {
    const eve = await signUp("Eve");
    const view = await joinServer(eve, place);
    const o = await join(owner, place.id);
    const [e1, e2] = await Promise.all([join(eve, place.id), join(eve, place.id)]);
    const key = presenceUpdateKey(place.id);
    await o.next(isUpdate(eve, true), WAIT);
    const kicked = await call(`/api/members/${memberOf(view, eve).id}?serverId=${place.id}`, { method: "DELETE", token: owner.token });
    expect(kicked.status).toBe(200);
    expect((await e1.closed).code).toBe(4003);
    expect((await e2.closed).code).toBe(4003);
    await o.next(isUpdate(eve, false), WAIT);
    expect(await onlineOver(owner)).not.toContain(eve.profile.id);
    // a later update (someone new coming) comes after exactly one for Eve's going
    const gus = await signUp("Gus");
    await joinServer(gus, place);
    const g = await join(gus, place.id);
    await o.next(isUpdate(gus, true), WAIT);
    expect(updates(o).map((f) => f.data).filter((u) => u.profileId === eve.profile.id)).toEqual([{ profileId: eve.profile.id, online: true }, { profileId: eve.profile.id, online: false }]);
    closeAll(o, g);
  });

  it("answers over HTTP to members only", async () => {
    const stranger = await signUp("Stranger");
    expect((await call(`/api/servers/${place.id}/presence`, { token: stranger.token })).status).toBe(404);
    expect((await call(`/api/servers/nope/presence`, { token: carl.token })).status).toBe(404);
    expect((await call(`/api/servers/${place.id}/presence`)).status).toBe(401);
    // a former member is no member
    const fay = await signUp("Fay");
    await joinServer(fay, place);
    expect((await call(`/api/servers/${place.id}/presence`, { token: fay.token })).status).toBe(200);
    expect((await call(`/api/servers/${place.id}/leave`, { method: "PATCH", token: fay.token })).status).toBe(200);
    const refused = await call(`/api/servers/${place.id}/presence`, { token: fay.token });
    expect(refused.status).toBe(404);
    expect(refused.body).toEqual({ error: expect.any(String) });
  });
});

describe("presence with the rooms unreachable", () => {
  // the same worker, but its rooms' binding names a worker that is not running (as in realtime.test.ts); made in
  // beforeAll, so a run that skips this block leaves nothing behind
  let rooms: ReturnType<typeof configWithoutRooms> | undefined;
  let second: ReturnType<typeof secondWorker>;
  beforeAll(async () => {
    rooms = configWithoutRooms();
    second = secondWorker({}, rooms.config);
    await second.start();
  }, 90_000);
  afterAll(async () => {
    await second?.stop();
    rooms?.remove();
  });

  it("answers 503 with a reason", async () => {
    const res = await call(`/api/servers/${server.id}/presence`, { token: bob.token, base: second.url });
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ error: expect.stringMatching(/room/) });
  });
});
