// Edges of text and numbers: lone surrogates, lengths counted in characters, huge versions, and sign-in's one
// answer for every wrong e-mail or password.
import { beforeAll, expect, it } from "vitest";
import type { ServerView } from "../contract";
import { call, createServer, signUp, snapshot, uniqueEmail } from "./helpers";
import type { Person } from "./helpers";

let ann: Person;
let server: ServerView;
let q: string;
beforeAll(async () => {
  ann = await signUp("Ann");
  server = await createServer(ann, "Edges");
  q = `serverId=${server.id}&channelId=${server.channels[0].id}`;
});

it("refuses text with a lone surrogate with a 400 on every JSON route, changing nothing", async () => {
  const lone = "a\ud800b";
  const before = await snapshot();
  const cases: [string, string, unknown, string?][] = [
    ["POST", "/api/auth/sign-up", { email: uniqueEmail(), password: "password1", name: lone }],
    ["POST", "/api/auth/sign-in", { email: `${lone}@x.test`, password: "password1" }],
    ["POST", "/api/servers", { name: lone }, ann.token],
    ["PATCH", `/api/servers/${server.id}`, { name: lone }, ann.token],
    ["POST", `/api/channels?serverId=${server.id}`, { name: lone, type: "TEXT" }, ann.token],
    ["POST", "/api/conversations", { serverId: lone, memberId: "x" }, ann.token],
    ["POST", `/api/socket/messages?${q}`, { content: lone }, ann.token],
    ["POST", `/api/socket/messages?${q}`, { content: "ok", nonce: lone }, ann.token],
    ["POST", `/api/socket/messages?${q}`, { content: "ok", [lone]: 1 }, ann.token],
  ];
  for (const [method, path, body, token] of cases) {
    const res = await call(path, { method, body, token });
    expect(res.status, `${method} ${path}`).toBe(400);
    expect(res.body.error).toMatch(/Unicode/);
  }
  expect(await snapshot()).toBe(before);
});

it("counts lengths in characters, so an emoji is one", async () => {
  const name = "😀".repeat(64);
  const person = await call("/api/auth/sign-up", { method: "POST", body: { email: uniqueEmail(), password: "🔑".repeat(8), name } });
  expect(person.status).toBe(201);
  expect(person.body.profile.name).toBe(name);
  expect((await call("/api/auth/sign-up", { method: "POST", body: { email: uniqueEmail(), password: "password1", name: `${name}😀` } })).status).toBe(400);
  expect((await call("/api/servers", { method: "POST", token: ann.token, body: { name: "🏰".repeat(100) } })).status).toBe(201);
  expect((await call("/api/servers", { method: "POST", token: ann.token, body: { name: "🏰".repeat(101) } })).status).toBe(400);
  expect((await call(`/api/socket/messages?${q}`, { method: "POST", token: ann.token, body: { content: "x", nonce: "🎲".repeat(64) } })).status).toBe(201);
  expect((await call(`/api/socket/messages?${q}`, { method: "POST", token: ann.token, body: { content: "x", nonce: "🎲".repeat(65) } })).status).toBe(400);
});

it("answers a version too large to be one with a 400, not a 500", async () => {
  const res = await call(`/api/messages?channelId=${server.channels[0].id}&after=${"9".repeat(400)}`, { token: ann.token });
  expect(res.status).toBe(400);
  expect((await call(`/api/messages?channelId=${server.channels[0].id}&after=${2 ** 53}`, { token: ann.token })).status).toBe(400);
  expect((await call(`/api/messages?channelId=${server.channels[0].id}&after=${2 ** 53 - 1}`, { token: ann.token })).body).toEqual({ items: [], nextCursor: null });
});

it("gives sign-in one answer, 401, for any wrong e-mail or password, however long", async () => {
  const answers = await Promise.all([
    call("/api/auth/sign-in", { method: "POST", body: { email: ann.email, password: "x".repeat(300) } }),
    call("/api/auth/sign-in", { method: "POST", body: { email: `${"e".repeat(300)}@x.test`, password: "password1" } }),
    call("/api/auth/sign-in", { method: "POST", body: { email: "not an e-mail", password: "short" } }),
    call("/api/auth/sign-in", { method: "POST", body: { email: ann.email, password: "wrong password" } }),
  ]);
  expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401]);
  expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
});
