// Test helpers: HTTP calls against the real worker, people and servers made through the public API,
// and a direct libSQL client to check what the database holds.
import { inject } from "vitest";
import { createClient } from "@libsql/client";
import type { AuthResult, ServerView } from "../contract";

export const workerUrl = inject("workerUrl");
export const databaseUrl = inject("databaseUrl");
export const realtimeSecret = inject("realtimeSecret");

export const sql = createClient({ url: databaseUrl });

export interface Call {
  method?: string;
  token?: string;
  body?: unknown;
  /** sent as is, not JSON-encoded */
  raw?: BodyInit;
  headers?: Record<string, string>;
}

export async function call<T = any>(path: string, opts: Call = {}): Promise<{ status: number; body: T; headers: Headers }> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers["content-type"] ??= "application/json";
  const res = await fetch(`${workerUrl}${path}`, {
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
  const tables = ["profiles", "sessions", "servers", "members", "channels", "conversations", "messages", "direct_messages", "call_participants", "uploads", "bans"];
  const parts = await Promise.all(tables.map(async (t) => JSON.stringify((await sql.execute(`SELECT * FROM ${t} ORDER BY rowid`)).rows)));
  return parts.join("\n");
}
