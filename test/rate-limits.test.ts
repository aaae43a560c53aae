// The limits on what fans out or costs, on a worker with short windows: each refuses with 429 (Retry-After, and
// nothing changes), keeps to whose it is (a person, a member in one room, a client address), and lifts once its
// window has passed. The suite's own workers raise these limits (test/limits.ts).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Message, ServerView } from "../contract";
import { addChannel, call, createServer, join, secondWorker, signUp, snapshot, sql, uniqueEmail } from "./helpers";
import type { Person } from "./helpers";

const LIMITS = {
  RATE_LIMIT_MESSAGES_PERSON: "3/2",
  RATE_LIMIT_REACTIONS: "3/2",
  RATE_LIMIT_EDITS: "2/2",
  RATE_LIMIT_SIGN_UP: "2/2",
  RATE_LIMIT_SIGN_IN: "2/2",
  RATE_LIMIT_SIGN_IN_EMAIL: "3/2",
  RATE_LIMIT_SIGN_IN_ADDRESS: "4/2",
  RATE_LIMIT_SEARCH: "3/2",
  RATE_LIMIT_TICKETS: "3/2",
};

async function expect429(res: { status: number; body: any; headers: Headers }) {
  expect(res.status, JSON.stringify(res.body)).toBe(429);
  const retryAfter = Number(res.headers.get("retry-after"));
  expect(retryAfter >= 1 && retryAfter <= 2).toBe(true);
  expect(res.body).toEqual({ error: expect.any(String), retryAfter });
}

let addresses = 0;
/** A documentation address (RFC 5737) none of the other tests uses. */
const randomAddress = () => `203.0.113.${(addresses++ % 250) + 1}`;

/** Polls until the call gets in again: the window has passed. */
const lifts = (attempt: () => Promise<{ status: number }>, status = 200) =>
  vi.waitFor(async () => expect((await attempt()).status).toBe(status), { timeout: 5000, interval: 250 });

describe("with short windows (a second worker)", () => {
  const second = secondWorker(LIMITS);
  beforeAll(() => second.start(), 90_000);
  afterAll(() => second.stop());
  const on = (path: string, opts: Parameters<typeof call>[1] = {}) => call(path, { ...opts, base: second.url });

  let ann: Person;
  let bob: Person;
  let server: ServerView;
  beforeAll(async () => {
    [ann, bob] = await Promise.all([signUp("Ann"), signUp("Bob")]);
    server = await join(bob, await createServer(ann, "Limits"));
  });

  it("messages per person across rooms: the 4th in a 4th channel is refused, then lets through", async () => {
    const rooms = [server.channels[0].id, ...(await Promise.all(["two", "three", "four"].map((n) => addChannel(ann, server.id, n)))).map((ch) => ch.id)];
    const post = (channelId: string, content: string, who = ann) => on(`/api/socket/messages?serverId=${server.id}&channelId=${channelId}`, { method: "POST", token: who.token, body: { content } });
    for (const [i, room] of rooms.slice(0, 3).entries()) expect((await post(room, `m${i}`)).status).toBe(201);
    const before = await snapshot();
    await expect429(await post(rooms[3], "one too many"));
    expect(await snapshot()).toBe(before);
    // another person is not counted with Ann
    expect((await post(rooms[3], "Bob is fine", bob)).status).toBe(201);
    await lifts(() => post(rooms[3], "again"), 201);
  });

  it("reaction changes per member per room: the 4th is refused and the message keeps its reactions", async () => {
    const channel = await addChannel(ann, server.id, "reacts");
    const q = `serverId=${server.id}&channelId=${channel.id}`;
    const message = (await call<Message>(`/api/socket/messages?${q}`, { method: "POST", token: bob.token, body: { content: "react to me" } })).body;
    const react = (emoji: string, method = "PUT", who = ann) => on(`/api/socket/messages/${message.id}/reactions/${encodeURIComponent(emoji)}?${q}`, { method, token: who.token });
    expect((await react("👍")).status).toBe(200);
    expect((await react("👍")).status).toBe(200); // no change: not counted
    expect((await react("🎉")).status).toBe(200);
    expect((await react("👍", "DELETE")).status).toBe(200);
    const before = await snapshot();
    await expect429(await react("🔥"));
    expect(await snapshot()).toBe(before);
    expect((await react("🔥", "PUT", bob)).status).toBe(200);
    await lifts(() => react("🔥"));
  });

  it("edits and deletes per member per room: the 3rd is refused and the message stays as it was", async () => {
    const channel = await addChannel(ann, server.id, "edits");
    const q = `serverId=${server.id}&channelId=${channel.id}`;
    const message = (await call<Message>(`/api/socket/messages?${q}`, { method: "POST", token: ann.token, body: { content: "first" } })).body;
    const edit = (content: string) => on(`/api/socket/messages/${message.id}?${q}`, { method: "PATCH", token: ann.token, body: { content } });
    expect((await edit("second")).status).toBe(200);
    expect((await edit("third")).status).toBe(200);
    const before = await snapshot();
    await expect429(await edit("fourth"));
    await expect429(await on(`/api/socket/messages/${message.id}?${q}`, { method: "DELETE", token: ann.token }));
    expect(await snapshot()).toBe(before);
    await lifts(() => edit("fourth"));
  });

  it("searches per person and room tickets per person: the 4th is refused, then lets through", async () => {
    const search = () => on(`/api/search?serverId=${server.id}&q=hello`, { token: ann.token });
    for (let i = 0; i < 3; i++) expect((await search()).status).toBe(200);
    await expect429(await search());
    expect((await on(`/api/search?serverId=${server.id}&q=hello`, { token: bob.token })).status).toBe(200);
    const ticket = () => on(`/api/realtime/ticket?room=${server.id}`, { token: ann.token });
    for (let i = 0; i < 3; i++) expect((await ticket()).status).toBe(200);
    await expect429(await ticket());
    await lifts(search);
    await lifts(ticket);
  });

  it("sign-ups per client address: the 3rd makes no account, then lets through", async () => {
    const address = randomAddress();
    const signUpFrom = (email: string) => on("/api/auth/sign-up", { method: "POST", body: { email, password: "password one", name: "New" }, headers: { "cf-connecting-ip": address } });
    expect((await signUpFrom(uniqueEmail("a"))).status).toBe(201);
    expect((await signUpFrom(uniqueEmail("b"))).status).toBe(201);
    const refused = uniqueEmail("c");
    await expect429(await signUpFrom(refused));
    expect((await sql.execute({ sql: "SELECT count(*) AS n FROM profiles WHERE email = ?", args: [refused] })).rows[0].n).toBe(0);
    // another address is not counted with this one
    const elsewhere = await on("/api/auth/sign-up", { method: "POST", body: { email: uniqueEmail("d"), password: "password one", name: "New" }, headers: { "cf-connecting-ip": randomAddress() } });
    expect(elsewhere.status).toBe(201);
    await lifts(() => signUpFrom(refused), 201);
  });

  describe("failed sign-ins", () => {
    const signIn = (email: string, password: string, address: string) =>
      on("/api/auth/sign-in", { method: "POST", body: { email, password }, headers: { "cf-connecting-ip": address } });

    it("per e-mail and address: a stranger's wrong guesses elsewhere do not lock the person out", async () => {
      const person = await signUp("Target");
      const [stranger, home] = [randomAddress(), randomAddress()];
      for (let i = 0; i < 2; i++) expect((await signIn(person.email, `guess ${i}`, stranger)).status).toBe(401);
      await expect429(await signIn(person.email, person.password, stranger));
      expect((await signIn(person.email, person.password, home)).status).toBe(200);
      await lifts(() => signIn(person.email, person.password, stranger));
    });

    it("per e-mail from all addresses: past the looser cap even a new address waits", async () => {
      const person = await signUp("Popular");
      for (let i = 0; i < 3; i++) expect((await signIn(person.email, `guess ${i}`, randomAddress())).status).toBe(401);
      await expect429(await signIn(person.email, person.password, randomAddress()));
      await lifts(() => signIn(person.email, person.password, randomAddress()));
    });

    it("per address over all e-mails: one address guessing many accounts is stopped", async () => {
      const address = randomAddress();
      for (let i = 0; i < 4; i++) expect((await signIn(uniqueEmail(`nobody${i}`), "guess", address)).status).toBe(401);
      const person = await signUp("Other");
      await expect429(await signIn(person.email, person.password, address));
      expect((await signIn(person.email, person.password, randomAddress())).status).toBe(200);
      await lifts(() => signIn(person.email, person.password, address));
    });
  });
});
