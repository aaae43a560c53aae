// Test helpers: HTTP calls against the real worker (or a second one a test starts), people, servers, channels,
// messages and LiveKit webhooks made through the public API, and a direct libSQL client to check what the
// database holds.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import { expect, inject } from "vitest";
import { createClient } from "@libsql/client";
import { AccessToken } from "livekit-server-sdk";
import type { AuthResult, ChannelType, Conversation, Message, ServerView, UploadResult } from "../contract";
import { png } from "../worker/files/samples";
// @ts-expect-error plain JS helpers shared with `npm run dev`
import { startWorker, stop } from "../scripts/lib/stack.mjs";
// @ts-expect-error plain JS helper
import { freePort } from "../scripts/lib/ports.mjs";
// @ts-expect-error plain JS helper
import { waitFor } from "../scripts/lib/sqld.mjs";
import { SUITE_LIMITS } from "./limits";

export const workerUrl = inject("workerUrl");
export const databaseUrl = inject("databaseUrl");
export const realtimeSecret = inject("realtimeSecret");
export const runtime = inject("runtime");

/**
 * Whether a test may send a body far past a limit, which the worker refuses before reading all of it. workerd then
 * closes the connection with the rest unread, and the client may see the reset before it can read the 413 (a race
 * of the local runtime: wrangler dev's proxy reads the body first, and on Cloudflare the edge stands in front). Such
 * tests run under wrangler dev only; the refusal's code is the same in both runtimes.
 */
export const bodyOutrunsAnswer = runtime === "deployed";

export const sql = createClient({ url: databaseUrl });

export interface Call {
  method?: string;
  token?: string;
  body?: unknown;
  /** sent as is, not JSON-encoded */
  raw?: BodyInit;
  headers?: Record<string, string>;
  /** another worker than the suite's (a `secondWorker`'s url) */
  base?: string;
}

export async function call<T = any>(path: string, opts: Call = {}): Promise<{ status: number; body: T; headers: Headers }> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers["content-type"] ??= "application/json";
  const res = await fetch(`${opts.base ?? workerUrl}${path}`, {
    method: opts.method ?? "GET",
    headers,
    body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    redirect: "manual",
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {}
  return { status: res.status, body, headers: res.headers };
}

/** `call`, to another worker than the suite's: `base` gives its url when called (it may be known only after a beforeAll). */
export const callAt =
  (base: () => string) =>
  <T = any>(path: string, opts: Omit<Call, "base"> = {}) =>
    call<T>(path, { ...opts, base: base() });

let counter = 0;
export const uniqueEmail = (tag = "user") => `${tag}-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 6)}@example.test`;

export interface Person extends AuthResult { email: string; password: string }

export async function signUp(name = "Tester"): Promise<Person> {
  const email = uniqueEmail(name.toLowerCase().replace(/\W/g, ""));
  const password = "correct horse battery";
  const res = await call<AuthResult>("/api/auth/sign-up", { method: "POST", body: { email, password, name } });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...res.body, email, password };
}

/** A session's id, as the sessions list and tickets name it: the SHA-256 of its token, base64url. */
export const sessionIdOf = (token: string) => createHash("sha256").update(token).digest("base64url");

export async function createServer(owner: Person, name = "Test server"): Promise<ServerView> {
  const res = await call<ServerView>("/api/servers", { method: "POST", token: owner.token, body: { name } });
  if (res.status !== 201) throw new Error(`create server failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function join(person: Person, server: { inviteCode: string }): Promise<ServerView> {
  const res = await call<ServerView>(`/api/invite/${server.inviteCode}`, { method: "POST", token: person.token });
  if (res.status !== 200) throw new Error(`join failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export function memberOf(view: ServerView, person: Person) {
  const member = view.members.find((m) => m.profileId === person.profile.id);
  if (!member) throw new Error("not a member");
  return member;
}

/**
 * Every table's rows, to prove a refused request changed nothing. Not `sign_in_failures`: a wrong password is
 * remembered by design, as the sign-in rate limit's count.
 */
export async function snapshot(): Promise<string> {
  const tables = ["profiles", "sessions", "servers", "members", "channels", "conversations", "messages", "direct_messages", "call_participants", "uploads", "bans", "message_reactions", "direct_message_reactions", "read_states", "audit_log", "notification_settings"];
  const parts = await Promise.all(tables.map(async (t) => JSON.stringify((await sql.execute(`SELECT * FROM ${t} ORDER BY rowid`)).rows)));
  return parts.join("\n");
}

export const general = (view: ServerView) => view.channels.find((c) => c.name === "general")!;
/** The query that names a channel of a server for the message routes; the server's general channel by default. */
export const channelQuery = (view: ServerView, channelId = general(view).id) => `serverId=${view.id}&channelId=${channelId}`;

/** Adds a channel through the API and returns it; `check` looks at the ServerView the worker answered with. */
export async function addChannel(person: Person, serverId: string, name: string, type: ChannelType = "TEXT", check?: (view: ServerView) => void) {
  const res = await call<ServerView>(`/api/channels?serverId=${serverId}`, { method: "POST", token: person.token, body: { name, type } });
  expect(res.status).toBe(201);
  check?.(res.body);
  return res.body.channels.find((c) => c.name === name)!;
}

/** Posts a message as the client does (`query` from `channelQuery`), and answers whatever the worker said. */
export const postMessage = (person: Person, query: string, content: string, base?: string) =>
  call<Message>(`/api/socket/messages?${query}`, { method: "POST", token: person.token, body: { content }, base });

/** The same, for a test's setting: the message must get in. */
export async function seedMessage(person: Person, query: string, content: string): Promise<Message> {
  const res = await postMessage(person, query, content);
  if (res.status !== 201) throw new Error(`post failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Posts a direct message in a conversation, and answers whatever the worker said. */
export const dm = (person: Pick<Person, "token">, conversation: Pick<Conversation, "id">, content: string) =>
  call<Message>(`/api/socket/direct-messages?conversationId=${conversation.id}`, { method: "POST", token: person.token, body: { content } });

/** A multipart body as POST /api/uploads takes it: one file (a small PNG unless told) in the field `file`. */
export function fileForm(bytes: Uint8Array<ArrayBuffer> = png(), name = "a.png", type = "image/png"): FormData {
  const form = new FormData();
  form.set("file", new File([bytes], name, { type }));
  return form;
}

/** Uploads a file (a small PNG unless told), which must be taken, and gives its url. */
export async function upload(person: Pick<Person, "token">, form = fileForm(), base?: string): Promise<string> {
  const res = await call<UploadResult>("/api/uploads", { method: "POST", token: person.token, raw: form, base });
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.url;
}

/** The suite's LiveKit credentials (the worker's LIVEKIT_API_KEY and LIVEKIT_API_SECRET; `livekit-server --dev`'s). */
export const LIVEKIT_KEY = "devkey";
export const LIVEKIT_SECRET = "secret";

/** Signs a body the way LiveKit does: a JWT from the API key whose `sha256` claim is the body's base64 SHA-256. */
export async function signWebhook(body: string, key = LIVEKIT_KEY, secret = LIVEKIT_SECRET): Promise<string> {
  const token = new AccessToken(key, secret);
  token.sha256 = createHash("sha256").update(body).digest("base64");
  return token.toJwt();
}

/** A webhook event as LiveKit's server sends it (protobuf JSON: camelCase, int64 as a string). */
export function webhookEvent(name: string, room: string, participant?: { identity: string; name?: string }, createdAt = Math.floor(Date.now() / 1000)) {
  return JSON.stringify({
    event: name,
    room: { sid: `RM_${room}`, name: room },
    ...(participant && { participant: { sid: `PA_${participant.identity}`, identity: participant.identity, name: participant.name ?? "" } }),
    id: `EV_${crypto.randomUUID()}`,
    createdAt: String(createdAt),
  });
}

/** Posts a webhook body with this authorization header (or none). */
export function postWebhook(body: string, authorization?: string, base?: string) {
  const headers: Record<string, string> = { "content-type": "application/webhook+json" };
  if (authorization !== undefined) headers.authorization = authorization;
  return call("/api/livekit/webhook", { method: "POST", raw: body, headers, base });
}

/** Sends a webhook body signed as LiveKit signs it, which the worker must take. */
export async function sendWebhook(body: string) {
  const res = await postWebhook(body, await signWebhook(body));
  expect(res.status).toBe(200);
  return res;
}

/**
 * A wrangler.toml for a `secondWorker` whose rooms' binding names a worker that is not running, so every notice to a
 * room fails. Answers its path and `remove` for afterAll (it lives under test-output/, whose paths it rewrites).
 */
export function configWithoutRooms() {
  const dir = fs.mkdtempSync(path.join(process.cwd(), "test-output", "norooms-"));
  const config = path.join(dir, "wrangler.toml");
  const relative = (p: string) => path.relative(dir, p);
  fs.writeFileSync(
    config,
    fs
      .readFileSync("wrangler.toml", "utf8")
      .replace(/^main = .*$/m, `main = "${relative("worker/index.ts")}"`)
      .replace(/^directory = .*$/m, `directory = "${relative("web/dist")}"`)
      .replace(/^class_name = "ChatRoom"$/m, 'class_name = "ChatRoom"\nscript_name = "edgecord-rooms-absent"'),
  );
  return { config, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Another `wrangler dev` on the suite's database and realtime secret, with rooms of its own, the suite's limits
 * (test/limits.ts) and `vars` on top of them (say,
 * short rate-limit windows), and `config` for another wrangler.toml. Call `start` in a beforeAll and `stop` after;
 * `url` is its address from then on (for `call`'s `base`).
 */
export function secondWorker(vars: Record<string, string> = {}, config?: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edgecord-second-"));
  let worker: { kill: () => void } | undefined;
  const self = {
    url: "",
    async start() {
      const [port, inspectorPort] = await Promise.all([freePort(), freePort()]);
      worker = startWorker({ port, inspectorPort, persistDir: dir, config, vars: { DATABASE_URL: databaseUrl, REALTIME_SECRET: realtimeSecret, ...SUITE_LIMITS, ...vars } });
      self.url = `http://127.0.0.1:${port}`;
      await waitFor(`${self.url}/api/config`, { what: "a second worker", timeoutMs: 60_000 });
    },
    async stop() {
      await stop(worker);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return self;
}
