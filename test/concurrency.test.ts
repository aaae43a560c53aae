// Many requests at once through one worker isolate: none may fail (regression: a libSQL client shared across
// requests let the runtime cancel queued statements, answering 500 past ~20 in flight).
import { expect, it } from "vitest";
import type { Message, Page } from "../contract";
import { call, createServer, join, signUp } from "./helpers";

it("answers 60 concurrent writes and reads without a 5xx", async () => {
  const owner = await signUp("Busy");
  // six writers, five messages each: within the message rate limit (5 per 5 s per member in a room)
  const writers = [owner, ...(await Promise.all(Array.from({ length: 5 }, (_, i) => signUp(`Busy ${i}`))))];
  let server = await createServer(owner, "Busy");
  for (const w of writers.slice(1)) server = await join(w, server);
  const q = `serverId=${server.id}&channelId=${server.channels[0].id}`;
  const results = await Promise.all([
    ...Array.from({ length: 30 }, (_, i) => call(`/api/socket/messages?${q}`, { method: "POST", token: writers[i % 6].token, body: { content: `m${i}` } })),
    ...Array.from({ length: 15 }, (_, i) => call("/api/servers", { method: "POST", token: owner.token, body: { name: `s${i}` } })),
    ...Array.from({ length: 15 }, () => call(`/api/messages?channelId=${server.channels[0].id}`, { token: owner.token })),
  ]);
  expect(results.map((r) => r.status).filter((s) => s >= 500)).toEqual([]);
  expect(results.filter((r) => r.status === 201)).toHaveLength(45);
});

it("gives 20 concurrent posts createdAt times in the order history shows them (the database's clock)", async () => {
  const owner = await signUp("Clock");
  const writers = [owner, ...(await Promise.all(Array.from({ length: 3 }, (_, i) => signUp(`Clock ${i}`))))];
  let server = await createServer(owner, "Clock");
  for (const w of writers.slice(1)) server = await join(w, server);
  const q = `serverId=${server.id}&channelId=${server.channels[0].id}`;
  const posts = await Promise.all(Array.from({ length: 20 }, (_, i) => call<Message>(`/api/socket/messages?${q}`, { method: "POST", token: writers[i % 4].token, body: { content: `tick ${i}` } })));
  expect(posts.every((p) => p.status === 201)).toBe(true);
  const page = await call<Page<Message>>(`/api/messages?channelId=${server.channels[0].id}&limit=100`, { token: owner.token });
  expect(page.body.items).toHaveLength(20);
  // newest first: every createdAt is at most the one before it
  const times = page.body.items.map((m) => m.createdAt);
  expect(times).toEqual([...times].sort().reverse());
  for (const t of times) expect(t).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});
