// The script `wrangler deploy` uploads, run in workerd with no dev server in front (scripts/lib/workerd.mjs), on the
// suite's sqld and rooms. wrangler dev builds the worker its own way, so this is where a bundling problem that only
// a deploy would meet shows up; it is also the runtime the benchmark measures as "product".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AuthResult, Message, Page, ServerView, Ticket } from "../contract";
import { messagesKey } from "../contract";
import { call, databaseUrl, partykitUrl, realtimeSecret } from "./helpers";
import { openRoom, roomUrl } from "./rooms";
// @ts-expect-error plain JS helper
import { startDeployedWorker } from "../scripts/lib/workerd.mjs";
// @ts-expect-error plain JS helper
import { stop } from "../scripts/lib/stack.mjs";
// @ts-expect-error plain JS helper
import { freePort } from "../scripts/lib/ports.mjs";
// @ts-expect-error plain JS helper
import { waitFor } from "../scripts/lib/sqld.mjs";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edgecord-deployed-"));
let worker: { kill(): void } | undefined;
let base: string;

async function api<T>(route: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${base}${route}`, { method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  return { status: res.status, body: (await res.json()) as T };
}

beforeAll(async () => {
  const port = await freePort();
  const host = new URL(partykitUrl).host;
  worker = startDeployedWorker({ port, dir, vars: { DATABASE_URL: databaseUrl, PARTYKIT_HOST: host, REALTIME_SECRET: realtimeSecret, LIVEKIT_URL: "ws://127.0.0.1:7880" } });
  base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/api/config`, { what: "workerd", timeoutMs: 60_000 });
}, 90_000);

afterAll(async () => {
  await stop(worker);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the deployed bundle in workerd", () => {
  it("serves the API: sign-up, a server, a message that reaches the room, and history", async () => {
    const email = `deployed-${Date.now().toString(36)}@example.test`;
    const signUp = await api<AuthResult>("/api/auth/sign-up", { method: "POST", body: { email, password: "correct horse battery", name: "Dee" } });
    expect(signUp.status).toBe(201);
    const token = signUp.body.token;
    const server = await api<ServerView>("/api/servers", { method: "POST", token, body: { name: "Deployed" } });
    expect(server.status).toBe(201);
    const channelId = server.body.channels[0].id;

    const ticket = await api<Ticket>(`/api/realtime/ticket?room=${channelId}`, { token });
    expect(ticket.status).toBe(200);
    const client = await openRoom(roomUrl(ticket.body, ticket.body.ticket));
    try {
      const sent = await api<Message>(`/api/socket/messages?serverId=${server.body.id}&channelId=${channelId}`, { method: "POST", token, body: { content: "from the bundle" } });
      expect(sent.status).toBe(201);
      const frame = await client.next((f) => f.key === messagesKey(channelId));
      expect(frame.data).toEqual(sent.body);
      const page = await api<Page<Message>>(`/api/messages?channelId=${channelId}&limit=10`, { token });
      expect(page.body.items.map((m) => m.id)).toEqual([sent.body.id]);
    } finally {
      client.close();
    }
  });

  it("answers file routes with a clear 503 when no R2 bucket is bound, as here", async () => {
    const email = `deployed-files-${Date.now().toString(36)}@example.test`;
    const { body: me } = await api<AuthResult>("/api/auth/sign-up", { method: "POST", body: { email, password: "correct horse battery", name: "Fay" } });
    await api<ServerView>("/api/servers", { method: "POST", token: me.token, body: { name: "Files" } });
    const form = new FormData();
    form.set("file", new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a])], "a.pdf", { type: "application/pdf" }));
    const upload = await fetch(`${base}/api/uploads`, { method: "POST", headers: { authorization: `Bearer ${me.token}` }, body: form });
    expect(upload.status).toBe(503);
    expect(await upload.json()).toEqual({ error: "File storage is not configured: bind an R2 bucket as FILES" });
    const file = await api<{ error: string }>("/api/files/anything.png", { token: me.token });
    expect(file).toEqual({ status: 503, body: { error: "File storage is not configured: bind an R2 bucket as FILES" } });
    // without a session it is still 401 first (no body: the worker answers before reading one, and may close early)
    expect((await fetch(`${base}/api/uploads`, { method: "POST" })).status).toBe(401);
    expect((await api("/api/files/anything.png")).status).toBe(401);
  });

  it("refuses bad input and missing sessions with the same JSON 4xx as wrangler dev", async () => {
    const cases = [
      { route: "/api/auth/sign-up", init: { method: "POST", body: { email: "not an email" } } },
      { route: "/api/profile", init: {} },
      { route: "/api/messages?channelId=nope", init: { token: "not-a-session" } },
    ];
    for (const { route, init } of cases) {
      const deployed = await api<{ error: string }>(route, init);
      const dev = await call<{ error: string }>(route, init);
      expect(deployed.status).toBeGreaterThanOrEqual(400);
      expect(deployed.status).toBeLessThan(500);
      expect(deployed).toEqual({ status: dev.status, body: dev.body });
    }
  });
});
