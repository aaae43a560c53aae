// Bad input on every JSON route, unknown routes and wrong methods: always a 4xx `{ error }`, never a 5xx, and nothing changes.
import { beforeAll, describe, expect, it } from "vitest";
import type { Member, ServerView } from "../contract";
import { bodyOutrunsAnswer, call, createServer, join, memberOf, signUp, sql, type Call, type Person } from "./helpers";

/**
 * Every row this file makes carries MARK or hangs off a row that does (a profile named MARK owns the servers, and
 * so on). Other test files write to the same database at the same time, so "nothing changed" is checked on the
 * rows of this file: the rows, in every table there is, reachable from MARK through ids.
 */
const MARK = `badin${Math.random().toString(36).slice(2, 10)}`;
let emailCounter = 0;
const freshEmail = () => `${MARK}-${emailCounter++}@example.test`;

/**
 * `sign_in_failures` is left out: a wrong password is remembered by design, as the sign-in rate limit's count; so are
 * the full-text index's tables, which hold what the messages hold (and some have no rowid).
 */
const tableNames = async () =>
  (await sql.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_\\_%' ESCAPE '\\' AND name <> 'sign_in_failures' AND name NOT LIKE '%\\_fts%' ESCAPE '\\' ORDER BY name")).rows.map((r) => String(r.name));

/**
 * Each table's last rowid before this file made anything. Every row of this file comes after it (an update keeps its
 * rowid, an insert takes a larger one), so the snapshots read only rows added since, not the whole suite's database.
 */
let baseline: Map<string, number> | undefined;
async function rowidsNow() {
  const names = await tableNames();
  const res = await sql.batch(names.map((t) => `SELECT coalesce(max(rowid), 0) AS last FROM "${t}"`), "read");
  return new Map(names.map((t, i) => [t, Number(res[i].rows[0].last)]));
}

async function everyRow(): Promise<Record<string, unknown>[][]> {
  const names = await tableNames();
  const results = await sql.batch(names.map((t) => `SELECT * FROM "${t}" WHERE rowid > ${baseline?.get(t) ?? 0} ORDER BY rowid`), "read");
  return results.map((res) => res.rows.map((row) => ({ ...row })));
}

async function mine(): Promise<string> {
  const tables = await everyRow();
  const ids = new Set<string>();
  const kept = tables.map(() => new Set<number>());
  for (let grew = true; grew; ) {
    grew = false;
    tables.forEach((rows, t) =>
      rows.forEach((row, i) => {
        if (kept[t].has(i)) return;
        const values = Object.values(row).filter((v) => v !== null).map(String);
        if (!values.some((v) => v.includes(MARK) || ids.has(v))) return;
        kept[t].add(i);
        grew = true;
        if (row.id != null) ids.add(String(row.id));
      }),
    );
  }
  return tables.map((rows, t) => JSON.stringify(rows.filter((_, i) => kept[t].has(i)))).join("\n");
}

let owner: Person, guest: Person;
let server: ServerView, other: ServerView, guestMember: Member, extraChannelId: string;

beforeAll(async () => {
  baseline = await rowidsNow();
  [owner, guest] = await Promise.all([signUp(MARK), signUp(MARK)]);
  server = await createServer(owner, "bad input");
  other = await createServer(owner, "bad input elsewhere");
  guestMember = memberOf(await join(guest, server), guest);
  const res = await call<ServerView>(`/api/channels?serverId=${server.id}`, { method: "POST", token: owner.token, body: { name: "extra", type: "TEXT" } });
  expect(res.status).toBe(201);
  extraChannelId = res.body.channels.find((c) => c.name === "extra")!.id;
  expect(await mine()).toContain(server.id);
});

type Status = number | number[];
interface Case {
  label: string;
  status: Status;
  /** what to send, made when the case runs, once the fixtures exist */
  make: () => Call & { path?: string };
}
interface JsonRoute {
  method: string;
  path: () => string;
  /** a body this route accepts: each case breaks one thing about it */
  valid: () => Record<string, unknown>;
  ok: number;
  signedIn: boolean;
  cases: Case[];
}

/** Send, and prove the answer is the refusal the contract names and that this file's rows did not change. */
async function expectRefused(method: string, path: string, opts: Call, status: Status) {
  const before = await mine();
  const res = await call(path, { method, ...opts });
  const allowed = Array.isArray(status) ? status : [status];
  expect(allowed, `${method} ${path} answered ${res.status} ${JSON.stringify(res.body)}`).toContain(res.status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(res.body).toEqual({ error: expect.any(String) });
  expect(res.body.error.length).toBeGreaterThan(0);
  expect(await mine()).toBe(before);
  return res;
}

const json = (body: unknown) => ({ body });
const raw = (text: BodyInit, contentType?: string): Call => ({ raw: text, headers: contentType ? { "content-type": contentType } : {} });

/** What every JSON route must refuse, whatever its fields. */
function everyJsonRoute(route: () => JsonRoute): Case[] {
  const valid = () => route().valid();
  return [
    { label: "malformed JSON", status: 400, make: () => raw('{"name": "x",', "application/json") },
    { label: "JSON that is cut short", status: 400, make: () => raw(JSON.stringify(valid()).slice(0, -1), "application/json") },
    { label: "an empty body", status: 400, make: () => raw("", "application/json") },
    { label: "a JSON array", status: 400, make: () => json([valid()]) },
    { label: "a JSON string", status: 400, make: () => json("hello") },
    { label: "JSON null", status: 400, make: () => json(null) },
    { label: "a JSON number", status: 400, make: () => json(42) },
    // nested deeper than any recursive walk of the value could go: still just a wrong shape
    { label: "arrays nested 20,000 deep", status: 400, make: () => raw(`${"[".repeat(20_000)}${"]".repeat(20_000)}`, "application/json") },
    {
      label: "a field's value nested 20,000 deep",
      status: 400,
      make: () => {
        const [first] = Object.keys(valid());
        const text = JSON.stringify({ ...valid(), [first]: "@deep@" }).replace('"@deep@"', `${"[".repeat(20_000)}${"]".repeat(20_000)}`);
        return raw(text, "application/json");
      },
    },
    { label: "a valid body sent as text/plain", status: [400, 415], make: () => raw(JSON.stringify(valid()), "text/plain") },
    { label: "a valid body with no content type", status: [400, 415], make: () => raw(new Blob([JSON.stringify(valid())])) },
    {
      label: "the fields as a form",
      status: [400, 415],
      make: () => raw(new URLSearchParams(Object.entries(valid()).map(([k, v]) => [k, String(v)])).toString(), "application/x-www-form-urlencoded"),
    },
    { label: "a valid body padded past 64 KiB", status: 413, make: () => json({ ...valid(), padding: "x".repeat(64 * 1024) }) },
    // far past the limit: see bodyOutrunsAnswer
    ...(bodyOutrunsAnswer ? [] : [{ label: "a body of 1 MiB", status: 413, make: () => raw(`{"name":"${"y".repeat(1024 * 1024)}"}`, "application/json") }]),
  ];
}

const field = (label: string, status: Status, patch: Record<string, unknown>, route: () => JsonRoute): Case => ({
  label,
  status,
  make: () => {
    const body: Record<string, unknown> = { ...route().valid(), ...patch };
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete body[k];
    return json(body);
  },
});
const body = (label: string, status: Status, value: unknown): Case => ({ label, status, make: () => json(value) });
const at = (label: string, status: Status, path: () => string, route: () => JsonRoute): Case => ({ label, status, make: () => ({ path: path(), body: route().valid() }) });

const long = (n: number) => "a".repeat(n);
const ROUTES: Record<string, JsonRoute> = {};
const r = (name: string) => () => ROUTES[name];

ROUTES["sign-up"] = {
  method: "POST",
  path: () => "/api/auth/sign-up",
  valid: () => ({ email: freshEmail(), password: "password1", name: MARK }),
  ok: 201,
  signedIn: false,
  cases: [
    ...everyJsonRoute(r("sign-up")),
    field("no email", 400, { email: undefined }, r("sign-up")),
    field("no password", 400, { password: undefined }, r("sign-up")),
    field("no name", 400, { name: undefined }, r("sign-up")),
    field("email as a number", 400, { email: 42 }, r("sign-up")),
    field("email as an object", 400, { email: { address: "a@b.c" } }, r("sign-up")),
    field("password as a number", 400, { password: 12345678 }, r("sign-up")),
    field("name as null", 400, { name: null }, r("sign-up")),
    field("name as an array", 400, { name: [MARK] }, r("sign-up")),
    field("an e-mail that does not look like one", 400, { email: `${MARK}-not-an-email` }, r("sign-up")),
    field("an empty e-mail", 400, { email: "" }, r("sign-up")),
    field("an e-mail of 300 characters", 400, { email: `${MARK}${long(300)}@example.test` }, r("sign-up")),
    field("a password of 7 characters", 400, { password: "1234567" }, r("sign-up")),
    field("a password of 257 characters", 400, { password: long(257) }, r("sign-up")),
    field("an empty name", 400, { name: "" }, r("sign-up")),
    field("a name of 65 characters", 400, { name: MARK + long(65) }, r("sign-up")),
    { label: "an e-mail already taken (409)", status: 409, make: () => json({ email: owner.email.toUpperCase(), password: "another password", name: MARK }) },
  ],
};

ROUTES["sign-in"] = {
  method: "POST",
  path: () => "/api/auth/sign-in",
  valid: () => ({ email: owner.email, password: owner.password }),
  ok: 200,
  signedIn: false,
  cases: [
    ...everyJsonRoute(r("sign-in")),
    field("no email", 400, { email: undefined }, r("sign-in")),
    field("no password", 400, { password: undefined }, r("sign-in")),
    field("email as a number", 400, { email: 42 }, r("sign-in")),
    field("password as a number", 400, { password: 42 }, r("sign-in")),
    field("password as null", 400, { password: null }, r("sign-in")),
    field("password as an array", 400, { password: ["correct horse battery"] }, r("sign-in")),
    field("a password of 10,000 characters", [400, 401], { password: long(10_000) }, r("sign-in")),
    field("an e-mail of 10,000 characters", [400, 401], { email: `${long(10_000)}@example.test` }, r("sign-in")),
  ],
};

ROUTES["POST /api/servers"] = {
  method: "POST",
  path: () => "/api/servers",
  valid: () => ({ name: "made by a valid body" }),
  ok: 201,
  signedIn: true,
  cases: [
    ...everyJsonRoute(r("POST /api/servers")),
    body("no fields", 400, {}),
    body("only an unknown field", 400, { title: "x" }),
    body("only an imageUrl", 400, { imageUrl: "https://example.com/a.png" }),
    body("name as a number", 400, { name: 42 }),
    body("name as null", 400, { name: null }),
    body("name as an array", 400, { name: ["x"] }),
    body("name as an object", 400, { name: { text: "x" } }),
    body("name as true", 400, { name: true }),
    body("an empty name", 400, { name: "" }),
    body("a name of 101 characters", 400, { name: long(101) }),
    body("a name of 60,000 characters", 400, { name: long(60_000) }),
    body("imageUrl as a number", 400, { name: "ok", imageUrl: 42 }),
    body("imageUrl as an object", 400, { name: "ok", imageUrl: { url: "https://example.com" } }),
  ],
};

ROUTES["PATCH /api/servers/:serverId"] = {
  method: "PATCH",
  path: () => `/api/servers/${server.id}`,
  valid: () => ({ name: "renamed by a valid body" }),
  ok: 200,
  signedIn: true,
  cases: [
    ...everyJsonRoute(r("PATCH /api/servers/:serverId")),
    body("an empty patch {}", 400, {}),
    body("a patch of unknown fields only", 400, { title: "x", inviteCode: "mine" }),
    body("name as a number", 400, { name: 42 }),
    body("name as null", 400, { name: null }),
    body("name as an array", 400, { name: ["x"] }),
    body("an empty name", 400, { name: "" }),
    body("a name of 101 characters", 400, { name: long(101) }),
    body("imageUrl as a number", 400, { imageUrl: 42 }),
    body("a valid name with a bad imageUrl", 400, { name: "fine", imageUrl: 42 }),
    at("an unknown server id", 404, () => "/api/servers/no-such-server", r("PATCH /api/servers/:serverId")),
    at("an id that looks like SQL", 404, () => `/api/servers/${encodeURIComponent("' OR '1'='1")}`, r("PATCH /api/servers/:serverId")),
    at("an id of 5,000 characters", [400, 404, 414], () => `/api/servers/${long(5000)}`, r("PATCH /api/servers/:serverId")),
  ],
};

ROUTES["PATCH /api/members/:memberId"] = {
  method: "PATCH",
  path: () => `/api/members/${guestMember.id}?serverId=${server.id}`,
  valid: () => ({ role: "MODERATOR" }),
  ok: 200,
  signedIn: true,
  cases: [
    ...everyJsonRoute(r("PATCH /api/members/:memberId")),
    body("an empty patch {}", 400, {}),
    body("an unknown role", 400, { role: "OWNER" }),
    body("a role in lower case", 400, { role: "moderator" }),
    body("role as a number", 400, { role: 1 }),
    body("role as null", 400, { role: null }),
    body("role as an array", 400, { role: ["ADMIN"] }),
    body("a role of 10,000 characters", 400, { role: long(10_000) }),
    at("an unknown member id", 404, () => `/api/members/no-such-member?serverId=${server.id}`, r("PATCH /api/members/:memberId")),
    at("a member of another server", 404, () => `/api/members/${guestMember.id}?serverId=${other.id}`, r("PATCH /api/members/:memberId")),
    at("an unknown server id", 404, () => `/api/members/${guestMember.id}?serverId=no-such-server`, r("PATCH /api/members/:memberId")),
    at("no serverId", [400, 404], () => `/api/members/${guestMember.id}`, r("PATCH /api/members/:memberId")),
  ],
};

ROUTES["POST /api/channels"] = {
  method: "POST",
  path: () => `/api/channels?serverId=${server.id}`,
  valid: () => ({ name: "made-by-a-valid-body", type: "TEXT" }),
  ok: 201,
  signedIn: true,
  cases: [
    ...everyJsonRoute(r("POST /api/channels")),
    body("no fields", 400, {}),
    field("no name", 400, { name: undefined }, r("POST /api/channels")),
    field("no type", 400, { type: undefined }, r("POST /api/channels")),
    field("name as a number", 400, { name: 42 }, r("POST /api/channels")),
    field("name as null", 400, { name: null }, r("POST /api/channels")),
    field("an empty name", 400, { name: "" }, r("POST /api/channels")),
    field("a name of 101 characters", 400, { name: long(101) }, r("POST /api/channels")),
    field("a type in lower case", 400, { type: "text" }, r("POST /api/channels")),
    field("an unknown type", 400, { type: "STAGE" }, r("POST /api/channels")),
    field("type as a number", 400, { type: 0 }, r("POST /api/channels")),
    field("a second general", 400, { name: "General" }, r("POST /api/channels")),
    at("an unknown server id", 404, () => "/api/channels?serverId=no-such-server", r("POST /api/channels")),
    at("no serverId", [400, 404], () => "/api/channels", r("POST /api/channels")),
  ],
};

ROUTES["PATCH /api/channels/:channelId"] = {
  method: "PATCH",
  path: () => `/api/channels/${extraChannelId}?serverId=${server.id}`,
  valid: () => ({ name: "renamed-by-a-valid-body" }),
  ok: 200,
  signedIn: true,
  cases: [
    ...everyJsonRoute(r("PATCH /api/channels/:channelId")),
    body("an empty patch {}", 400, {}),
    body("a patch of unknown fields only", 400, { topic: "x" }),
    body("name as a number", 400, { name: 42 }),
    body("name as null", 400, { name: null }),
    body("an empty name", 400, { name: "" }),
    body("a name of 101 characters", 400, { name: long(101) }),
    body("an unknown type", 400, { type: "STAGE" }),
    body("type as a number", 400, { type: 1 }),
    body("a valid name with a bad type", 400, { name: "fine", type: "text" }),
    at("an unknown channel id", 404, () => `/api/channels/no-such-channel?serverId=${server.id}`, r("PATCH /api/channels/:channelId")),
    at("a channel of another server", 404, () => `/api/channels/${other.channels[0].id}?serverId=${server.id}`, r("PATCH /api/channels/:channelId")),
    at("an unknown server id", 404, () => `/api/channels/${extraChannelId}?serverId=no-such-server`, r("PATCH /api/channels/:channelId")),
    at("no serverId", [400, 404], () => `/api/channels/${extraChannelId}`, r("PATCH /api/channels/:channelId")),
  ],
};

ROUTES["POST /api/conversations"] = {
  method: "POST",
  path: () => "/api/conversations",
  valid: () => ({ serverId: server.id, memberId: guestMember.id }),
  ok: 201,
  signedIn: true,
  cases: [
    ...everyJsonRoute(r("POST /api/conversations")),
    body("no fields", 400, {}),
    field("no serverId", 400, { serverId: undefined }, r("POST /api/conversations")),
    field("no memberId", 400, { memberId: undefined }, r("POST /api/conversations")),
    field("serverId as a number", 400, { serverId: 42 }, r("POST /api/conversations")),
    field("memberId as null", 400, { memberId: null }, r("POST /api/conversations")),
    field("memberId as an array", 400, { memberId: ["x"] }, r("POST /api/conversations")),
    field("an empty memberId", [400, 404], { memberId: "" }, r("POST /api/conversations")),
    field("a memberId of 10,000 characters", [400, 404], { memberId: long(10_000) }, r("POST /api/conversations")),
    field("an unknown serverId", 404, { serverId: "no-such-server" }, r("POST /api/conversations")),
    field("an unknown memberId", 404, { memberId: "no-such-member" }, r("POST /api/conversations")),
    { label: "a member of another server", status: 404, make: () => json({ serverId: other.id, memberId: guestMember.id }) },
  ],
};

for (const [name, route] of Object.entries(ROUTES)) {
  describe(`${route.method} ${name.startsWith("sign") ? `/api/auth/${name}` : name.split(" ")[1]}`, () => {
    it.each(route.cases.map((c) => [c.label, c] as const))("refuses %s", async (_label, c) => {
      const { path, ...opts } = c.make();
      await expectRefused(route.method, path ?? route.path(), { token: route.signedIn ? owner.token : undefined, ...opts }, c.status);
    });

    // The refusals above vary this body; it must itself be accepted, or they would prove nothing.
    // It also proves that `mine()` sees what this route writes.
    it("accepts the valid body the cases vary, and the change shows", async () => {
      const before = await mine();
      const res = await call(route.path(), {
        method: route.method,
        token: route.signedIn ? owner.token : undefined,
        body: route.valid(),
        headers: { "content-type": "application/json; charset=utf-8" },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(route.ok);
      expect(await mine()).not.toBe(before);
    });
  });
}

describe("unknown routes and wrong methods", () => {
  it.each([
    ["GET", "/api/nope"],
    ["POST", "/api/nope"],
    ["GET", "/api/"],
    ["GET", "/api/servers/abc/nope"],
    ["PATCH", "/api/servers/abc/invite-code/extra"],
    ["DELETE", "/api/auth"],
  ])("answers %s %s with 404 JSON", async (method, path) => {
    const before = await mine();
    const res = await call(path, { method, token: owner.token, body: method === "GET" ? undefined : { name: "x" } });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.body).toEqual({ error: expect.any(String) });
    expect(await mine()).toBe(before);
  });

  const known = (method: string, label: string, path: () => string = () => label) => ({ method, label, path });
  it.each([
    known("PUT", "/api/servers"),
    known("DELETE", "/api/servers"),
    known("PUT", "/api/servers/:serverId", () => `/api/servers/${server.id}`),
    known("POST", "/api/servers/:serverId", () => `/api/servers/${server.id}`),
    known("GET", "/api/servers/:serverId/invite-code", () => `/api/servers/${server.id}/invite-code`),
    known("DELETE", "/api/servers/:serverId/leave", () => `/api/servers/${server.id}/leave`),
    known("PUT", "/api/invite/:inviteCode", () => `/api/invite/${server.inviteCode}`),
    known("GET", "/api/members/:memberId", () => `/api/members/${guestMember.id}?serverId=${server.id}`),
    known("POST", "/api/members/:memberId", () => `/api/members/${guestMember.id}?serverId=${server.id}`),
    known("GET", "/api/channels", () => `/api/channels?serverId=${server.id}`),
    known("PUT", "/api/channels/:channelId", () => `/api/channels/${extraChannelId}?serverId=${server.id}`),
    known("GET", "/api/conversations"),
    known("GET", "/api/auth/sign-up"),
    known("GET", "/api/auth/sign-in"),
    known("POST", "/api/profile"),
    known("POST", "/api/config"),
  ])("answers $method $label with 405 JSON", async ({ method, path }) => {
    const url = path();
    const before = await mine();
    const res = await call(url, { method, token: owner.token, body: method === "GET" ? undefined : { name: "x", role: "ADMIN", type: "TEXT" } });
    expect(res.status, `${method} ${url}: ${JSON.stringify(res.body)}`).toBe(405);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.body).toEqual({ error: expect.any(String) });
    expect(await mine()).toBe(before);
  });
});
