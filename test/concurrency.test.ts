// Many requests at once through one worker isolate: none may fail (regression: a libSQL client shared across
// requests let the runtime cancel queued statements, answering 500 past ~20 in flight).
import { expect, it } from "vitest";
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
