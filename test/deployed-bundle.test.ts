// The script `wrangler deploy` uploads, run by Miniflare with its rooms, R2 bucket and static assets and no dev
// server in front (scripts/lib/deployed.mjs), on the suite's sqld. wrangler dev builds the worker its own way, so
// this is where a bundling problem that only a deploy would meet shows up; it is also the runtime the benchmark
// measures as "product".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import WebSocket from "ws";
import { experimental_readRawConfig as readRawConfig } from "wrangler";
import type { AuthResult, Message, Page, ServerView, Ticket } from "../contract";
import { messagesKey } from "../contract";
import { call, callAt, databaseUrl, fileForm, realtimeSecret, upload } from "./helpers";
import { openRoom, roomUrl } from "./rooms";
// @ts-expect-error plain JS helper
import { bundleWorker, startDeployedWorker } from "../scripts/lib/deployed.mjs";
// @ts-expect-error plain JS helper
import { stop } from "../scripts/lib/stack.mjs";
// @ts-expect-error plain JS helper
import { freePort } from "../scripts/lib/ports.mjs";
// @ts-expect-error plain JS helper
import { waitFor } from "../scripts/lib/sqld.mjs";
import { SUITE_LIMITS } from "./limits";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edgecord-deployed-"));
let worker: { kill(): void } | undefined;
let base: string;

const api = callAt(() => base);

beforeAll(async () => {
  const port = await freePort();
  worker = startDeployedWorker({ port, dir, vars: { DATABASE_URL: databaseUrl, REALTIME_SECRET: realtimeSecret, LIVEKIT_URL: "ws://127.0.0.1:7880", ...SUITE_LIMITS } });
  base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/api/config`, { what: "workerd", timeoutMs: 60_000 });
}, 90_000);

afterAll(async () => {
  await stop(worker);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the deployed bundle", () => {
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

  it("keeps uploads in its R2 bucket and serves them back", async () => {
    const email = `deployed-files-${Date.now().toString(36)}@example.test`;
    const { body: me } = await api<AuthResult>("/api/auth/sign-up", { method: "POST", body: { email, password: "correct horse battery", name: "Fay" } });
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a]);
    const url = await upload(me, fileForm(pdf, "a.pdf", "application/pdf"), base);
    const file = await fetch(`${base}${url}`, { headers: { authorization: `Bearer ${me.token}` } });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(pdf);
  });

  it("serves the web app for every other path, as the assets binding does", async () => {
    expect(await (await fetch(`${base}/`)).text()).toMatch(/<script/);
    // a deep link, as a browser navigates to it
    const page = await fetch(`${base}/servers/anything`, { headers: { accept: "text/html", "sec-fetch-mode": "navigate" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<script/);
  });

  it("declines WebSocket compression that a browser offers, and refuses plain HTTP at the rooms' door", async () => {
    const email = `deployed-ws-${Date.now().toString(36)}@example.test`;
    const { body: me } = await api<AuthResult>("/api/auth/sign-up", { method: "POST", body: { email, password: "correct horse battery", name: "Gus" } });
    const { body: server } = await api<ServerView>("/api/servers", { method: "POST", token: me.token, body: { name: "Sockets" } });
    const { body: t } = await api<Ticket>(`/api/realtime/ticket?room=${server.id}`, { token: me.token });
    expect(t.host).toBe(new URL(base).host);
    // `ws` offers permessage-deflate the way browsers do
    const ws = new WebSocket(roomUrl(t, t.ticket), { perMessageDeflate: true });
    const offered = new Promise<string | undefined>((resolve) => ws.on("upgrade", (res) => resolve(res.headers["sec-websocket-extensions"] as string | undefined)));
    await new Promise((resolve, reject) => (ws.on("open", resolve), ws.on("error", reject)));
    expect(await offered).toBeUndefined();
    expect(ws.extensions).toBe("");
    ws.close();
    for (const method of ["GET", "POST"]) {
      const res = await fetch(`${base}/parties/main/${server.id}?ticket=${encodeURIComponent(t.ticket)}`, { method, body: method === "POST" ? "{}" : undefined });
      expect(res.status).toBe(405);
      expect(await res.json()).toEqual({ error: expect.any(String) });
    }
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
      expect({ status: deployed.status, body: deployed.body }).toEqual({ status: dev.status, body: dev.body });
    }
  });
});

describe("wrangler deploy --dry-run", () => {
  it("bundles the rooms with the worker: their binding, their class and its migration", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "edgecord-dry-run-"));
    try {
      const { entry, printed } = bundleWorker({ outDir: out });
      // what wrangler would bind on deploy
      expect(printed).toMatch(/env\.Main \(ChatRoom\)\s+Durable Object/);
      expect(printed).toMatch(/env\.FILES \(edgecord-files\)\s+R2 Bucket/);
      // the class the binding names is exported by the script itself
      expect(fs.readFileSync(entry, "utf8")).toMatch(/export\s*\{[^}]*\bChatRoom\b/);
      // and every bound class has the migration that creates it with SQLite storage, read as a deploy reads it
      const { rawConfig } = readRawConfig({ config: "wrangler.toml" });
      const sqliteClasses = (rawConfig.migrations ?? []).flatMap((m: { new_sqlite_classes?: string[] }) => m.new_sqlite_classes ?? []);
      for (const binding of rawConfig.durable_objects.bindings) expect(sqliteClasses).toContain(binding.class_name);
      expect(rawConfig.durable_objects.bindings).toEqual([expect.objectContaining({ name: "Main", class_name: "ChatRoom" })]);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
