// Calls: LiveKit tokens and who may have one, LiveKit's signed webhook, and who is in each voice channel.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TokenVerifier } from "livekit-server-sdk";
import {
  addChannel, call, createServer, join, LIVEKIT_KEY as KEY, LIVEKIT_SECRET as SECRET, memberOf, postWebhook as webhook, realtimeSecret,
  secondWorker, sendWebhook as send, sessionIdOf, signUp, signWebhook as sign, sql, webhookEvent as event, workerUrl,
} from "./helpers";
import type { Person } from "./helpers";
import { parseRoomFrames, roomPath, signTicket, voiceKey } from "../contract";
import type { ServerView } from "../contract";

const tokenFor = (person: Person | undefined, room?: string, username?: string) => {
  const query = new URLSearchParams();
  if (room !== undefined) query.set("room", room);
  if (username !== undefined) query.set("username", username);
  return call(`/api/livekit?${query}`, { token: person?.token });
};

const participants = (person: Person, serverId: string) => call(`/api/livekit/participants?serverId=${serverId}`, { token: person.token });
const rowsOf = async (rooms: string[]) =>
  (await sql.execute({ sql: `SELECT * FROM call_participants WHERE room_id IN (${rooms.map(() => "?").join(",")}) ORDER BY room_id, profile_id`, args: rooms })).rows;

describe("calls", () => {
  let alice: Person, bob: Person, carol: Person;
  let server: ServerView, other: ServerView;
  let text: { id: string }, audio: { id: string }, video: { id: string }, otherAudio: { id: string };
  let conversationId: string;

  beforeAll(async () => {
    // one after another: two joins within the same second are listed by profile id, so Alice's must sort first
    alice = await signUp("Alice");
    bob = await signUp("Bob");
    carol = await signUp("Carol");
    [server, other] = await Promise.all([createServer(alice, "Calls"), createServer(carol, "Elsewhere")]);
    text = server.channels.find((c) => c.type === "TEXT")!;
    audio = await addChannel(alice, server.id, "lounge", "AUDIO");
    video = await addChannel(alice, server.id, "stage", "VIDEO");
    otherAudio = await addChannel(carol, other.id, "their-lounge", "AUDIO");
    await join(bob, server);
    const view = await join(carol, server);
    const res = await call("/api/conversations", { method: "POST", token: alice.token, body: { serverId: server.id, memberId: memberOf(view, bob).id } });
    expect(res.status).toBe(201);
    conversationId = res.body.id;
  });

  describe("GET /api/livekit", () => {
    it("mints a token for this room only, as the caller's profile, whatever username says", async () => {
      const res = await tokenFor(alice, audio.id, "Mallory");
      expect(res.status).toBe(200);
      expect(Object.keys(res.body)).toEqual(["token"]);
      const claims = await new TokenVerifier(KEY, SECRET).verify(res.body.token);
      expect(claims.sub).toBe(alice.profile.id);
      expect(claims.name).toBe("Alice");
      expect(claims.video).toEqual({ room: audio.id, roomJoin: true, canPublish: true, canSubscribe: true });
      const now = Date.now() / 1000;
      expect(claims.exp).toBeGreaterThan(now + 60);
      expect(claims.exp).toBeLessThanOrEqual(now + 6 * 3600 + 5);
      await expect(new TokenVerifier(KEY, "another secret").verify(res.body.token)).rejects.toThrow();
    });

    it("answers 401 without a session and 400 naming a missing room or username", async () => {
      expect((await tokenFor(undefined, audio.id, "x")).status).toBe(401);
      const noRoom = await tokenFor(alice, undefined, "x");
      expect(noRoom.status).toBe(400);
      expect(noRoom.body.error).toMatch(/\broom\b/);
      const noName = await tokenFor(alice, audio.id, undefined);
      expect(noName.status).toBe(400);
      expect(noName.body.error).toMatch(/\busername\b/);
      expect((await tokenFor(alice, "", "x")).status).toBe(400);
    });

    it("lets members into AUDIO and VIDEO channels, and the two members into their conversation", async () => {
      for (const [person, room] of [[alice, audio.id], [bob, audio.id], [carol, video.id], [alice, video.id], [alice, conversationId], [bob, conversationId]] as const) {
        const res = await tokenFor(person, room, person.profile.name);
        expect(res.status, `${person.profile.name} in ${room}`).toBe(200);
        expect((await new TokenVerifier(KEY, SECRET).verify(res.body.token)).video?.room).toBe(room);
      }
    });

    it("refuses a TEXT channel, another server's channel, someone else's conversation and an unknown id with 403", async () => {
      for (const [person, room] of [[alice, text.id], [alice, otherAudio.id], [bob, otherAudio.id], [carol, conversationId], [alice, "no-such-room"], [alice, other.id]] as const) {
        const res = await tokenFor(person, room, "x");
        expect(res.status, `${person.profile.name} in ${room}`).toBe(403);
        expect(res.body.error).toEqual(expect.any(String));
      }
    });
  });

  describe("POST /api/livekit/webhook", () => {
    it("keeps who is in which voice room: joined, left, room finished", async () => {
      expect((await participants(bob, server.id)).body).toEqual({ [audio.id]: [], [video.id]: [] });

      const res = await send(event("participant_joined", audio.id, { identity: alice.profile.id, name: "Alice" }));
      expect(res.body).toMatchObject({ changed: true });
      await send(event("participant_joined", audio.id, { identity: bob.profile.id }));
      const carolJoins = event("participant_joined", video.id, { identity: carol.profile.id });
      await send(carolJoins);
      const both = await participants(bob, server.id);
      expect(both.status).toBe(200);
      expect(both.body).toEqual({
        [audio.id]: [
          { id: alice.profile.id, name: "Alice", imageUrl: null },
          { id: bob.profile.id, name: "Bob", imageUrl: null },
        ],
        [video.id]: [{ id: carol.profile.id, name: "Carol", imageUrl: null }],
      });

      // LiveKit retries: a repeated event changes nothing
      // (the very same event: building it again a second later would carry a later time, a later join)
      expect((await send(carolJoins)).body).toMatchObject({ changed: false });

      await send(event("participant_left", audio.id, { identity: alice.profile.id }));
      expect((await participants(alice, server.id)).body[audio.id]).toEqual([{ id: bob.profile.id, name: "Bob", imageUrl: null }]);

      await send(event("room_finished", audio.id));
      await send(event("room_finished", video.id));
      expect((await participants(alice, server.id)).body).toEqual({ [audio.id]: [], [video.id]: [] });
      expect(await rowsOf([audio.id, video.id])).toEqual([]);
    });

    it("ignores a late `left` of an earlier session, identities that are not people, and other events", async () => {
      const now = Math.floor(Date.now() / 1000);
      await send(event("participant_joined", video.id, { identity: bob.profile.id }, now));
      await send(event("participant_left", video.id, { identity: bob.profile.id }, now - 30));
      await send(event("participant_joined", video.id, { identity: "agent-recorder" }));
      await send(event("track_published", video.id, { identity: alice.profile.id }));
      expect((await participants(bob, server.id)).body[video.id]).toEqual([{ id: bob.profile.id, name: "Bob", imageUrl: null }]);
      await send(event("participant_left", video.id, { identity: bob.profile.id }, now));
      expect(await rowsOf([video.id])).toEqual([]);
    });

    it("refuses unsigned, forged and tampered events with 401 and changes nothing", async () => {
      await send(event("participant_joined", audio.id, { identity: carol.profile.id }));
      const before = await rowsOf([audio.id, video.id]);
      expect(before).toHaveLength(1);

      const join = event("participant_joined", video.id, { identity: alice.profile.id });
      const leave = event("participant_left", audio.id, { identity: carol.profile.id });
      const finish = event("room_finished", audio.id);
      const attempts = [
        webhook(join),
        webhook(leave, ""),
        webhook(finish, "not a jwt"),
        webhook(join, await sign(join, KEY, "guessed secret")),
        webhook(leave, await sign(leave, "another-key", SECRET)),
        webhook(finish, await sign(event("room_finished", "some-other-room"))),
        webhook(join, `Bearer ${await sign(join, KEY, "guessed secret")}`),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.status).toBe(401);
        expect(res.body.error).toEqual(expect.any(String));
      }
      expect(await rowsOf([audio.id, video.id])).toEqual(before);
      await send(event("room_finished", audio.id));
    });

    it("answers 400 to a signed body that is not an event", async () => {
      const body = "{not json";
      const res = await webhook(body, await sign(body));
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual(expect.any(String));
    });
  });

  describe("live", () => {
    it("tells the server's room who is in each voice channel after a webhook changes it", async () => {
      const now = Date.now();
      const ticket = await signTicket(realtimeSecret, { room: server.id, profileId: bob.profile.id, sessionId: sessionIdOf(bob.token), iat: now, exp: now + 60_000 });
      const socket = new WebSocket(`${workerUrl.replace(/^http/, "ws")}${roomPath(server.id)}?ticket=${encodeURIComponent(ticket)}`);
      const frames: unknown[] = [];
      socket.addEventListener("message", (e) => frames.push(...parseRoomFrames(e.data)));
      await new Promise((resolve, reject) => {
        socket.addEventListener("open", resolve);
        socket.addEventListener("error", reject);
      });
      try {
        await send(event("participant_joined", video.id, { identity: alice.profile.id }));
        const alone = { key: voiceKey(server.id), data: { [audio.id]: [], [video.id]: [{ id: alice.profile.id, name: "Alice", imageUrl: null }] } };
        await vi.waitFor(() => expect(frames).toEqual([alone]), { timeout: 5000 });
        await send(event("room_finished", video.id));
        await vi.waitFor(() => expect(frames.at(-1)).toEqual({ key: voiceKey(server.id), data: { [audio.id]: [], [video.id]: [] } }), { timeout: 5000 });
        // nothing changed, nothing sent: the next frame the room sends is the one of a later change
        await send(event("room_finished", video.id));
        await send(event("participant_joined", audio.id, { identity: bob.profile.id }));
        const later = { key: voiceKey(server.id), data: { [audio.id]: [{ id: bob.profile.id, name: "Bob", imageUrl: null }], [video.id]: [] } };
        await vi.waitFor(() => expect(frames.at(-1)).toEqual(later), { timeout: 5000 });
        expect(frames).toHaveLength(3);
        await send(event("room_finished", audio.id));
      } finally {
        socket.close();
      }
    });
  });

  describe("GET /api/livekit/participants", () => {
    it("is for the server's members: 401 signed out, 400 without serverId, 404 to others", async () => {
      expect((await call(`/api/livekit/participants?serverId=${server.id}`)).status).toBe(401);
      const missing = await call("/api/livekit/participants", { token: alice.token });
      expect(missing.status).toBe(400);
      expect(missing.body.error).toMatch(/serverId/);
      expect((await participants(bob, other.id)).status).toBe(404);
      expect((await participants(alice, "no-such-server")).status).toBe(404);
      expect((await participants(carol, other.id)).body).toEqual({ [otherAudio.id]: [] });
    });
  });
});

describe("calls without LiveKit credentials", () => {
  // empty, not left out, so a developer's .dev.vars cannot fill them in
  const second = secondWorker({ LIVEKIT_API_KEY: "", LIVEKIT_API_SECRET: "" });
  beforeAll(() => second.start(), 90_000);
  afterAll(() => second.stop());

  it("answers 503 with a clear error for tokens and webhooks alike", async () => {
    const alice = await signUp("Alice");
    const server = await createServer(alice);
    const audio = await addChannel(alice, server.id, "lounge", "AUDIO");
    const token = await call(`/api/livekit?room=${audio.id}&username=Alice`, { token: alice.token, base: second.url });
    expect(token.status).toBe(503);
    expect(token.body.error).toMatch(/LIVEKIT_API_KEY/);
    const body = event("participant_joined", audio.id, { identity: alice.profile.id });
    const hook = await webhook(body, await sign(body), second.url);
    expect(hook.status).toBe(503);
    expect(hook.body.error).toMatch(/LIVEKIT_API_KEY/);
    expect(await rowsOf([audio.id])).toEqual([]);
  });
});
