// With the database stopped, every route that needs it answers 503 JSON within 5 s (never a 500, never a hang),
// writes included, and nothing half-happens; when the database is back, everything works again without a restart.
// A worker and a sqld of this file's own, so the rest of the suite keeps its database.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AuthResult, Message, ServerView } from "../contract";
import { callAt, secondWorker } from "./helpers";
// @ts-expect-error plain JS helpers shared with `npm run dev`
import { stop } from "../scripts/lib/stack.mjs";
// @ts-expect-error plain JS helper
import { freePort } from "../scripts/lib/ports.mjs";
// @ts-expect-error plain JS helper
import { migrateDatabase, startSqld } from "../scripts/lib/sqld.mjs";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edgecord-faults-"));
const dbPath = path.join(dir, "db.sqld");
let port = 0;
let sqld: { kill(): void } | undefined;
let worker: ReturnType<typeof secondWorker>;

const api = callAt(() => worker.url);

beforeAll(async () => {
  port = await freePort();
  sqld = await startSqld({ port, dbPath });
  await migrateDatabase(`http://127.0.0.1:${port}`);
  worker = secondWorker({ DATABASE_URL: `http://127.0.0.1:${port}` });
  await worker.start();
}, 90_000);

afterAll(async () => {
  await worker?.stop();
  await stop(sqld);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("with the database stopped", () => {
  it("answers 503 JSON within 5 s everywhere, and works again once it is back", async () => {
    const email = `faults-${Date.now()}@example.test`;
    const me = (await api<AuthResult>("/api/auth/sign-up", { method: "POST", body: { email, password: "correct horse battery", name: "Fay" } })).body;
    const server = (await api<ServerView>("/api/servers", { method: "POST", token: me.token, body: { name: "Faults" } })).body;
    const q = `serverId=${server.id}&channelId=${server.channels[0].id}`;
    const before = await api<Message>(`/api/socket/messages?${q}`, { method: "POST", token: me.token, body: { content: "before" } });
    expect(before.status).toBe(201);

    await stop(sqld);
    const routes: [string, { method?: string; token?: string; body?: unknown }][] = [
      ["/api/profile", { token: me.token }],
      ["/api/servers", { token: me.token }],
      [`/api/servers/${server.id}`, { token: me.token }],
      [`/api/messages?channelId=${server.channels[0].id}`, { token: me.token }],
      [`/api/messages?channelId=${server.channels[0].id}&after=0`, { token: me.token }],
      [`/api/socket/messages?${q}`, { method: "POST", token: me.token, body: { content: "while down" } }],
      [`/api/realtime/ticket?room=${server.channels[0].id}`, { token: me.token }],
      ["/api/auth/sign-in", { method: "POST", body: { email, password: "correct horse battery" } }],
      ["/api/auth/sign-up", { method: "POST", body: { email: `other-${email}`, password: "correct horse battery", name: "Gil" } }],
      ["/api/servers", { method: "POST", token: me.token, body: { name: "Down" } }],
    ];
    for (const [route, init] of routes) {
      const started = Date.now();
      const res = await api(route, init);
      expect(Date.now() - started, route).toBeLessThan(5000);
      expect(res.status, `${init.method ?? "GET"} ${route}`).toBe(503);
      expect(res.body, route).toEqual({ error: expect.stringMatching(/database/i) });
    }
    // what needs no database still answers
    expect((await api("/api/config")).status).toBe(200);

    sqld = await startSqld({ port, dbPath });
    await vi.waitFor(async () => expect((await api("/api/profile", { token: me.token })).status).toBe(200), { timeout: 10_000, interval: 200 });
    const after = await api<Message>(`/api/socket/messages?${q}`, { method: "POST", token: me.token, body: { content: "after" } });
    expect(after.status).toBe(201);
    const page = await api<{ items: Message[] }>(`/api/messages?channelId=${server.channels[0].id}&limit=10`, { token: me.token });
    // nothing half-written: the refused post is not there, the others are, once each
    expect(page.body.items.map((m) => m.content)).toEqual(["after", "before"]);
  });
});
