// Sessions that end everywhere: the list of one's sessions, sign-out, sign-out everywhere, ending one session and a
// password change; each ends that session's HTTP access and its room sockets (4003) at once, and keeps its old
// tickets out. A room that missed the notice finds out at its re-check, which asks whether the session lives.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Conversation, Session } from "../contract";
import { call, createServer, join, memberOf, postMessage, secondWorker, sessionIdOf, signUp, sql } from "./helpers";
import type { Person } from "./helpers";
import { openRoom, roomUrl, ticketFor } from "./rooms";
import type { RoomClient } from "./rooms";

const signIn = async (person: Person, userAgent = "Test agent") => {
  const res = await call("/api/auth/sign-in", { method: "POST", body: { email: person.email, password: person.password }, headers: { "user-agent": userAgent } });
  expect(res.status).toBe(200);
  return res.body.token as string;
};
const as = (person: Person, token: string): Person => ({ ...person, token });
const sessions = (token: string) => call<Session[]>("/api/auth/sessions", { token });

/** A person in a server with someone else, a conversation between them, and the four rooms' ids. */
async function setting() {
  const [ann, bob] = await Promise.all([signUp("Ann"), signUp("Bob")]);
  const server = await join(bob, await createServer(ann, "Doors"));
  const conversation = (await call<Conversation>("/api/conversations", { method: "POST", token: ann.token, body: { serverId: server.id, memberId: memberOf(server, bob).id } })).body;
  const channelId = server.channels[0].id;
  return { ann, bob, server, channelId, rooms: [channelId, server.id, conversation.id, ann.profile.id], q: `serverId=${server.id}&channelId=${channelId}` };
}

/** Opens a socket to each room with this session's tickets; answers the sockets and the tickets. */
async function openAll(person: Person, rooms: string[], base?: string) {
  const tickets = await Promise.all(rooms.map((room) => ticketFor(person, room, base)));
  const sockets = await Promise.all(tickets.map((t) => openRoom(roomUrl(t, t.ticket))));
  return { tickets, sockets };
}

async function expectPutOut(sockets: RoomClient[], tickets: { host: string; party: string; room: string; ticket: string }[]) {
  for (const socket of sockets) expect((await socket.closed).code).toBe(4003);
  // their tickets have not expired, and still no longer get in
  for (const t of tickets) expect((await (await openRoom(roomUrl(t, t.ticket))).closed).code).toBe(4003);
}

describe("the list of sessions", () => {
  it("lists the caller's live sessions newest first, with the device and when each was last seen", async () => {
    const ann = await signUp("Lister");
    const other = await signUp("Other");
    const laptop = await signIn(ann, "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36");
    const res = await sessions(laptop);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { id: sessionIdOf(laptop), current: true, createdAt: expect.any(String), lastSeenAt: expect.any(String), userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36" },
      { id: sessionIdOf(ann.token), current: false, createdAt: expect.any(String), lastSeenAt: expect.any(String), userAgent: expect.anything() },
    ]);
    expect(Date.parse(res.body[0].createdAt)).toBeGreaterThanOrEqual(Date.parse(res.body[1].createdAt));
    expect((await sessions(ann.token)).body.map((s) => s.current)).toEqual([false, true]);
    // another person's session is not the caller's to end, and looks like an unknown one
    expect((await call(`/api/auth/sessions/${sessionIdOf(other.token)}`, { method: "DELETE", token: laptop })).status).toBe(404);
    expect((await call(`/api/auth/sessions/nope`, { method: "DELETE", token: laptop })).status).toBe(404);
    expect((await call("/api/profile", { token: other.token })).status).toBe(200);
    expect((await call("/api/auth/sessions")).status).toBe(401);
  });

  it("marks a session seen when it is used, at most once a minute", async () => {
    const ann = await signUp("Seen");
    const id = sessionIdOf(ann.token);
    await sql.execute({ sql: "UPDATE sessions SET last_seen_at = ? WHERE id = ?", args: [new Date(Date.now() - 3_600_000).toISOString(), id] });
    expect((await call("/api/servers", { token: ann.token })).status).toBe(200);
    await expect.poll(async () => Date.now() - Date.parse((await sessions(ann.token)).body[0].lastSeenAt)).toBeLessThan(60_000);
  });
});

describe("ending a session reaches its rooms", () => {
  it("sign-out: that session's sockets in every kind of room close with 4003 and its tickets stay out; another session lives on", async () => {
    const { ann, bob, rooms, channelId, q } = await setting();
    const phone = as(ann, await signIn(ann));
    const { tickets, sockets } = await openAll(ann, rooms);
    const kept = (await openAll(phone, [channelId])).sockets[0];
    expect((await call("/api/auth/sign-out", { method: "POST", token: ann.token })).status).toBe(204);
    await expectPutOut(sockets, tickets);
    expect((await call("/api/profile", { token: ann.token })).status).toBe(401);
    // the phone's session was not signed out: its socket stays and hears the room
    const sent = (await postMessage(bob, q, "still listening")).body;
    expect((await kept.next((f) => f.data.id === sent.id)).data.content).toBe("still listening");
    kept.close();
  });

  it("sign-out everywhere: every session of the caller ends, this one too, and no other person's", async () => {
    const { ann, bob, rooms, q } = await setting();
    const phone = as(ann, await signIn(ann));
    const [here, there] = await Promise.all([openAll(ann, rooms), openAll(phone, rooms)]);
    const bobs = await openAll(bob, [rooms[0]]);
    expect((await call("/api/auth/sign-out-everywhere", { method: "POST", token: phone.token })).status).toBe(204);
    await expectPutOut([...here.sockets, ...there.sockets], [...here.tickets, ...there.tickets]);
    for (const token of [ann.token, phone.token]) expect((await call("/api/profile", { token })).status).toBe(401);
    expect((await call("/api/auth/sign-out-everywhere", { method: "POST", token: phone.token })).status).toBe(401);
    expect((await call("/api/profile", { token: bob.token })).status).toBe(200);
    // Bob's socket in the same room stays and hears it
    const sent = (await postMessage(bob, q, "Bob is still here")).body;
    expect((await bobs.sockets[0].next((f) => f.data.id === sent.id)).data.id).toBe(sent.id);
    bobs.sockets[0].close();
  });

  it("ending one session from the list: its sockets close, the asking session's stay", async () => {
    const { ann, rooms, q } = await setting();
    const phone = as(ann, await signIn(ann));
    const [here, there] = await Promise.all([openAll(ann, rooms), openAll(phone, rooms)]);
    expect((await call(`/api/auth/sessions/${sessionIdOf(phone.token)}`, { method: "DELETE", token: ann.token })).status).toBe(204);
    await expectPutOut(there.sockets, there.tickets);
    expect((await call("/api/profile", { token: phone.token })).status).toBe(401);
    expect((await sessions(ann.token)).body.map((s) => s.id)).toEqual([sessionIdOf(ann.token)]);
    // the asking session's socket is open still and hears the room
    const sent = (await postMessage(ann, q, "I am still here")).body;
    expect((await here.sockets[0].next((f) => f.data.id === sent.id)).data.id).toBe(sent.id);
    for (const s of here.sockets) s.close();
  });

  it("a password change: needs the current password (a wrong one is a failed sign-in), then ends every other session", async () => {
    const { ann, rooms } = await setting();
    const phone = as(ann, await signIn(ann));
    const [here, there] = await Promise.all([openAll(ann, rooms), openAll(phone, rooms)]);
    const change = (body: unknown) => call("/api/profile/password", { method: "PATCH", token: ann.token, body });
    const failures = async () => Number((await sql.execute({ sql: "SELECT count(*) AS n FROM sign_in_failures WHERE email = ?", args: [ann.email] })).rows[0].n);
    expect((await change({ currentPassword: "not it at all", newPassword: "a new password" })).status).toBe(403);
    expect(await failures()).toBe(1);
    expect((await change({ currentPassword: ann.password, newPassword: "short" })).status).toBe(400);
    expect((await change([ann.password])).status).toBe(400);
    expect((await call("/api/profile", { token: phone.token })).status).toBe(200);
    expect((await change({ currentPassword: ann.password, newPassword: "a new password" })).status).toBe(204);
    await expectPutOut(there.sockets, there.tickets);
    expect((await call("/api/profile", { token: phone.token })).status).toBe(401);
    expect((await call("/api/profile", { token: ann.token })).status).toBe(200);
    const signInWith = (password: string) => call("/api/auth/sign-in", { method: "POST", body: { email: ann.email, password } });
    expect((await signInWith(ann.password)).status).toBe(401);
    expect((await signInWith("a new password")).status).toBe(200);
    for (const s of here.sockets) s.close();
  });

});

describe("a room that missed the notice", () => {
  // the second worker's rooms are not the suite worker's: a sign-out through the suite worker never reaches them.
  // They re-check every 2 seconds instead of every 5 minutes.
  const second = secondWorker({ REALTIME_RECHECK_SECONDS: "2" });
  beforeAll(() => second.start(), 90_000);
  afterAll(() => second.stop());

  it("puts out a signed-out session's sockets at its re-check and asks the database before an old ticket gets in", async () => {
    const { ann, bob, channelId, q } = await setting();
    const [{ tickets, sockets }, bobs] = await Promise.all([openAll(ann, [channelId], second.url), openAll(bob, [channelId], second.url)]);
    expect((await call("/api/auth/sign-out", { method: "POST", token: ann.token })).status).toBe(204);
    await expectPutOut(sockets, tickets);
    // a member whose session lives was checked too, and stays
    const sent = (await postMessage(bob, q, "still here", second.url)).body;
    expect((await bobs.sockets[0].next((f) => f.data.id === sent.id)).data.id).toBe(sent.id);
    bobs.sockets[0].close();
  });
});

describe("a room spread over relays", () => {
  // two sockets a room object: a third person's sockets land on a relay, which must hear of the sign-out too
  const spread = secondWorker({ ROOM_RELAY_SOCKETS: "2" });
  beforeAll(() => spread.start(), 90_000);
  afterAll(() => spread.stop());

  it("closes a signed-out session's sockets on a relay, and its old ticket does not get in", async () => {
    const { ann, bob, channelId, q } = await setting();
    const bobs = await openAll(bob, [channelId, channelId], spread.url);
    const anns = await openAll(ann, [channelId, channelId], spread.url);
    expect(anns.sockets.map((s) => s.object)).toEqual([`${channelId}~0`, `${channelId}~0`]);
    expect((await call("/api/auth/sign-out", { method: "POST", token: ann.token, base: spread.url })).status).toBe(204);
    await expectPutOut(anns.sockets, anns.tickets);
    // Bob's sockets, on the root, stay and hear the room
    const sent = (await postMessage(bob, q, "Bob on the root", spread.url)).body;
    for (const socket of bobs.sockets) expect((await socket.next((f) => f.data.id === sent.id)).data.id).toBe(sent.id);
    for (const socket of bobs.sockets) socket.close();
  });
});
