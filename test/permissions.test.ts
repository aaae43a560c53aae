// The permission matrix: every server, member, channel and conversation route × every kind of caller → the contract's status.
// Each cell runs on a fresh server; a refused cell must leave that server exactly as it was.
import { beforeAll, describe, it } from "vitest";
import type { ExpectStatic } from "vitest";
import type { Channel, Member, ServerView } from "../contract";
import { call as rawCall, memberOf, signUp, sql, type Call, type Person } from "./helpers";

const CALLERS = ["anon", "outsider", "guest", "moderator", "admin", "owner"] as const;
type Caller = (typeof CALLERS)[number];
type Insider = Exclude<Caller, "anon" | "outsider">;
const LABEL: Record<Caller, string> = {
  anon: "not signed in",
  outsider: "not a member",
  guest: "GUEST",
  moderator: "MODERATOR",
  admin: "ADMIN (not owner)",
  owner: "owner",
};

interface Fixture {
  server: ServerView;
  member: { owner: Member; target: Member } & Partial<Record<Insider, Member>>;
  general: Channel;
  extra: Channel;
  /** unique per cell, to find what a cell created outside the server */
  tag: string;
}

/**
 * Cells run concurrently, but at most this many requests are in flight from this file: enough to keep the stack busy,
 * few enough that the matrix measures permissions and not the worker under load.
 */
const IN_FLIGHT = 4;
let inFlight = 0;
const waiting: (() => void)[] = [];
async function call<T = any>(path: string, opts: Call = {}) {
  if (inFlight >= IN_FLIGHT) await new Promise<void>((resolve) => waiting.push(resolve));
  else inFlight++;
  try {
    return await rawCall<T>(path, opts);
  } finally {
    const next = waiting.shift();
    if (next) next();
    else inFlight--;
  }
}

async function expectStatus<T>(what: string, status: number, res: Promise<{ status: number; body: T }>): Promise<T> {
  const { status: got, body } = await res;
  if (got !== status) throw new Error(`${what} failed: ${got} ${JSON.stringify(body)}`);
  return body;
}

let people: Record<Exclude<Caller, "anon"> | "target", Person>;

beforeAll(async () => {
  const names = ["outsider", "guest", "moderator", "admin", "owner", "target"] as const;
  const made = await Promise.all(names.map((n) => signUp(`Perm ${n}`)));
  people = Object.fromEntries(names.map((n, i) => [n, made[i]])) as typeof people;
});

/**
 * A server of the owner with the caller in the caller's role, a GUEST to act on, and, when the route needs it, a
 * channel besides general. Only what the cell needs, to keep the matrix fast.
 */
async function fixture(caller: Caller, needsChannel: boolean): Promise<Fixture> {
  const tag = `cell-${crypto.randomUUID()}`;
  const server = await expectStatus("create server", 201, call<ServerView>("/api/servers", { method: "POST", token: people.owner.token, body: { name: tag } }));
  const joinAs = async (p: Exclude<Insider, "owner"> | "target") =>
    memberOf(await expectStatus("join", 200, call<ServerView>(`/api/invite/${server.inviteCode}`, { method: "POST", token: people[p].token })), people[p]);
  const joiner = caller === "guest" || caller === "moderator" || caller === "admin" ? caller : undefined;
  const [target, own, withChannel] = await Promise.all([
    joinAs("target"),
    joiner && joinAs(joiner),
    needsChannel
      ? expectStatus("create channel", 201, call<ServerView>(`/api/channels?serverId=${server.id}`, { method: "POST", token: people.owner.token, body: { name: "extra", type: "TEXT" } }))
      : server,
  ]);
  const member: Fixture["member"] = { owner: server.members[0], target };
  if (joiner && own) {
    const role = ({ guest: "GUEST", moderator: "MODERATOR", admin: "ADMIN" } as const)[joiner];
    if (role !== "GUEST") await expectStatus("role change", 200, call(`/api/members/${own.id}?serverId=${server.id}`, { method: "PATCH", token: people.owner.token, body: { role } }));
    member[joiner] = { ...own, role };
  }
  return { server, member, general: server.channels[0], extra: withChannel.channels.find((c) => c.name === "extra")!, tag };
}

const rows = async (query: string, ...args: string[]) => (await sql.execute({ sql: query, args })).rows.map((r) => ({ ...r }));

/** Everything a cell could touch: the server, its members and channels, their conversations, and servers named after the cell. */
async function state(f: Fixture) {
  const ids = Object.values(f.member).map((m) => m!.id);
  const marks = ids.map(() => "?").join(",");
  const [server, members, channels, conversations, named] = await sql.batch(
    [
      { sql: "SELECT * FROM servers WHERE id = ?", args: [f.server.id] },
      { sql: "SELECT * FROM members WHERE server_id = ? ORDER BY id", args: [f.server.id] },
      { sql: "SELECT * FROM channels WHERE server_id = ? ORDER BY id", args: [f.server.id] },
      { sql: `SELECT * FROM conversations WHERE member_one_id IN (${marks}) OR member_two_id IN (${marks}) ORDER BY id`, args: [...ids, ...ids] },
      { sql: "SELECT * FROM servers WHERE name = ? AND id <> ?", args: [`new ${f.tag}`, f.server.id] },
    ],
    "read",
  );
  const plain = (r: typeof server) => r.rows.map((row) => ({ ...row }));
  return { server: plain(server), members: plain(members), channels: plain(channels), conversations: plain(conversations), named: plain(named) };
}

const memberRow = async (f: Fixture, profileId: string) => rows("SELECT id, role FROM members WHERE server_id = ? AND profile_id = ? AND left = 0", f.server.id, profileId);
/** A former member's row stays (their history keeps its author), marked left. */
const formerRow = async (f: Fixture, profileId: string) => rows("SELECT id FROM members WHERE server_id = ? AND profile_id = ? AND left = 1", f.server.id, profileId);

interface Route {
  route: string;
  request: (f: Fixture, caller: Caller) => { method: string; path: string; body?: unknown };
  /** whether the cell acts on a channel besides general */
  needsChannel?: boolean;
  /** the status per caller; null where the cell means nothing (no "self" for someone outside the server) */
  status: Record<Caller, number | null>;
  /** what a successful cell must have done */
  effect?: (expect: ExpectStatic, f: Fixture, caller: Caller, body: any, before: Awaited<ReturnType<typeof state>>) => Promise<void>;
}

const signedIn = { anon: 401, outsider: 200, guest: 200, moderator: 200, admin: 200, owner: 200 };
const members = { anon: 401, outsider: 404, guest: 200, moderator: 200, admin: 200, owner: 200 };
const admins = { anon: 401, outsider: 404, guest: 403, moderator: 403, admin: 200, owner: 200 };
const staff = { anon: 401, outsider: 404, guest: 403, moderator: 200, admin: 200, owner: 200 };
const own = (f: Fixture, caller: Caller) => f.member[caller as Insider]!;

const ROUTES: Route[] = [
  {
    route: "POST /api/servers",
    request: (f) => ({ method: "POST", path: "/api/servers", body: { name: `new ${f.tag}` } }),
    status: { ...signedIn, outsider: 201, guest: 201, moderator: 201, admin: 201, owner: 201 },
    effect: async (expect, f, caller, body) => {
      expect(body).toMatchObject({ name: `new ${f.tag}`, profileId: people[caller as Insider].profile.id });
      expect(body.members).toEqual([expect.objectContaining({ role: "ADMIN", profileId: people[caller as Insider].profile.id })]);
    },
  },
  {
    route: "GET /api/servers",
    request: () => ({ method: "GET", path: "/api/servers" }),
    status: signedIn,
    effect: async (expect, f, caller, body) => {
      const ids = body.map((s: { id: string }) => s.id);
      if (caller === "outsider") expect(ids).not.toContain(f.server.id);
      else expect(ids).toContain(f.server.id);
    },
  },
  {
    route: "GET /api/servers/:serverId",
    request: (f) => ({ method: "GET", path: `/api/servers/${f.server.id}` }),
    status: members,
    effect: async (expect, f, _caller, body) => {
      expect(body).toMatchObject({ id: f.server.id, name: f.server.name });
      expect(body.members.map((m: Member) => m.id).sort()).toEqual(Object.values(f.member).map((m) => m!.id).sort());
      for (const m of body.members) expect(Object.keys(m.profile).sort()).toEqual(["id", "imageUrl", "name"]);
    },
  },
  {
    route: "PATCH /api/servers/:serverId",
    request: (f) => ({ method: "PATCH", path: `/api/servers/${f.server.id}`, body: { name: "renamed" } }),
    status: admins,
    effect: async (expect, f, _caller, body) => {
      expect(body).toMatchObject({ id: f.server.id, name: "renamed" });
      expect(await rows("SELECT name FROM servers WHERE id = ?", f.server.id)).toEqual([{ name: "renamed" }]);
    },
  },
  {
    route: "DELETE /api/servers/:serverId",
    request: (f) => ({ method: "DELETE", path: `/api/servers/${f.server.id}` }),
    status: { ...admins, admin: 403 },
    effect: async (expect, f, _caller, body) => {
      expect(body).toMatchObject({ id: f.server.id });
      expect(await rows("SELECT id FROM servers WHERE id = ?", f.server.id)).toEqual([]);
      expect(await rows("SELECT id FROM members WHERE server_id = ?", f.server.id)).toEqual([]);
      expect(await rows("SELECT id FROM channels WHERE server_id = ?", f.server.id)).toEqual([]);
    },
  },
  {
    route: "PATCH /api/servers/:serverId/invite-code",
    request: (f) => ({ method: "PATCH", path: `/api/servers/${f.server.id}/invite-code` }),
    status: admins,
    effect: async (expect, f, _caller, body) => {
      expect(body.id).toBe(f.server.id);
      expect(body.inviteCode).not.toBe(f.server.inviteCode);
      expect(await rows("SELECT invite_code FROM servers WHERE id = ?", f.server.id)).toEqual([{ invite_code: body.inviteCode }]);
    },
  },
  {
    route: "PATCH /api/servers/:serverId/leave",
    request: (f) => ({ method: "PATCH", path: `/api/servers/${f.server.id}/leave` }),
    status: { ...members, owner: 400 },
    effect: async (expect, f, caller, body, before) => {
      expect(body.id).toBe(f.server.id);
      expect(await memberRow(f, people[caller as Insider].profile.id)).toEqual([]);
      expect(await formerRow(f, people[caller as Insider].profile.id)).toHaveLength(1);
      expect(await rows("SELECT id FROM members WHERE server_id = ? AND left = 0", f.server.id)).toHaveLength(before.members.length - 1);
    },
  },
  {
    route: "POST /api/invite/:inviteCode",
    request: (f) => ({ method: "POST", path: `/api/invite/${f.server.inviteCode}` }),
    status: signedIn,
    effect: async (expect, f, caller, body, before) => {
      expect(body.id).toBe(f.server.id);
      if (caller === "outsider") {
        expect(await memberRow(f, people.outsider.profile.id)).toEqual([{ id: expect.any(String), role: "GUEST" }]);
        expect(body.members).toHaveLength(before.members.length + 1);
      } else {
        expect(await state(f)).toEqual(before);
      }
    },
  },
  {
    route: "PATCH /api/members/:memberId",
    request: (f) => ({ method: "PATCH", path: `/api/members/${f.member.target.id}?serverId=${f.server.id}`, body: { role: "MODERATOR" } }),
    status: admins,
    effect: async (expect, f, _caller, body) => {
      expect(body.members.find((m: Member) => m.id === f.member.target.id).role).toBe("MODERATOR");
      expect(await memberRow(f, people.target.profile.id)).toEqual([{ id: f.member.target.id, role: "MODERATOR" }]);
    },
  },
  {
    route: "PATCH /api/members/:memberId on oneself",
    request: (f, caller) => ({ method: "PATCH", path: `/api/members/${(own(f, caller) ?? f.member.target).id}?serverId=${f.server.id}`, body: { role: "GUEST" } }),
    status: { ...admins, outsider: null, admin: 400, owner: 400 },
  },
  {
    route: "PATCH /api/members/:memberId on the owner",
    request: (f) => ({ method: "PATCH", path: `/api/members/${f.member.owner.id}?serverId=${f.server.id}`, body: { role: "GUEST" } }),
    status: { ...admins, admin: 400, owner: 400 },
  },
  {
    route: "DELETE /api/members/:memberId",
    request: (f) => ({ method: "DELETE", path: `/api/members/${f.member.target.id}?serverId=${f.server.id}` }),
    status: admins,
    effect: async (expect, f, _caller, body) => {
      expect(body.members.map((m: Member) => m.id)).not.toContain(f.member.target.id);
      expect(await memberRow(f, people.target.profile.id)).toEqual([]);
      expect(await formerRow(f, people.target.profile.id)).toEqual([{ id: f.member.target.id }]);
    },
  },
  {
    route: "DELETE /api/members/:memberId on oneself",
    request: (f, caller) => ({ method: "DELETE", path: `/api/members/${(own(f, caller) ?? f.member.target).id}?serverId=${f.server.id}` }),
    status: { ...admins, outsider: null, admin: 400, owner: 400 },
  },
  {
    route: "DELETE /api/members/:memberId on the owner",
    request: (f) => ({ method: "DELETE", path: `/api/members/${f.member.owner.id}?serverId=${f.server.id}` }),
    status: { ...admins, admin: 400, owner: 400 },
  },
  {
    route: "POST /api/channels",
    request: (f) => ({ method: "POST", path: `/api/channels?serverId=${f.server.id}`, body: { name: "fresh", type: "AUDIO" } }),
    status: { ...staff, moderator: 201, admin: 201, owner: 201 },
    effect: async (expect, f, caller, body) => {
      expect(body.channels).toContainEqual(expect.objectContaining({ name: "fresh", type: "AUDIO", profileId: people[caller as Insider].profile.id }));
      expect(await rows("SELECT type FROM channels WHERE server_id = ? AND name = 'fresh'", f.server.id)).toEqual([{ type: "AUDIO" }]);
    },
  },
  {
    route: "PATCH /api/channels/:channelId",
    needsChannel: true,
    request: (f) => ({ method: "PATCH", path: `/api/channels/${f.extra.id}?serverId=${f.server.id}`, body: { name: "renamed", type: "VIDEO" } }),
    status: staff,
    effect: async (expect, f, _caller, body) => {
      expect(body.channels).toContainEqual(expect.objectContaining({ id: f.extra.id, name: "renamed", type: "VIDEO" }));
      expect(await rows("SELECT name, type FROM channels WHERE id = ?", f.extra.id)).toEqual([{ name: "renamed", type: "VIDEO" }]);
    },
  },
  {
    route: "PATCH /api/channels/:channelId on general",
    request: (f) => ({ method: "PATCH", path: `/api/channels/${f.general.id}?serverId=${f.server.id}`, body: { name: "renamed" } }),
    status: { ...staff, moderator: 400, admin: 400, owner: 400 },
  },
  {
    route: "DELETE /api/channels/:channelId",
    needsChannel: true,
    request: (f) => ({ method: "DELETE", path: `/api/channels/${f.extra.id}?serverId=${f.server.id}` }),
    status: staff,
    effect: async (expect, f, _caller, body) => {
      expect(body.channels.map((c: Channel) => c.id)).toEqual([f.general.id]);
      expect(await rows("SELECT id FROM channels WHERE id = ?", f.extra.id)).toEqual([]);
    },
  },
  {
    route: "DELETE /api/channels/:channelId on general",
    request: (f) => ({ method: "DELETE", path: `/api/channels/${f.general.id}?serverId=${f.server.id}` }),
    status: { ...staff, moderator: 400, admin: 400, owner: 400 },
  },
  {
    route: "POST /api/conversations",
    request: (f) => ({ method: "POST", path: "/api/conversations", body: { serverId: f.server.id, memberId: f.member.target.id } }),
    status: { ...members, guest: 201, moderator: 201, admin: 201, owner: 201 },
    effect: async (expect, f, caller, body) => {
      expect([body.memberOne.id, body.memberTwo.id].sort()).toEqual([own(f, caller).id, f.member.target.id].sort());
      expect(await rows("SELECT id FROM conversations WHERE id = ?", body.id)).toEqual([{ id: body.id }]);
    },
  },
  {
    route: "POST /api/conversations with oneself",
    request: (f, caller) => ({ method: "POST", path: "/api/conversations", body: { serverId: f.server.id, memberId: (own(f, caller) ?? f.member.target).id } }),
    status: { anon: 401, outsider: null, guest: 400, moderator: 400, admin: 400, owner: 400 },
  },
];

for (const route of ROUTES) {
  describe.concurrent(route.route, () => {
    for (const caller of CALLERS) {
      const expected = route.status[caller];
      if (expected === null) continue;
      it(`${LABEL[caller]} → ${expected}`, async ({ expect, onTestFinished }) => {
        const f = await fixture(caller, route.needsChannel ?? false);
        // the same six people are in every cell's server, and a person is in at most 100 servers: a cell's server
        // (and one a cell made) goes when the cell is done
        onTestFinished(() => sql.execute({ sql: "DELETE FROM servers WHERE id = ? OR name = ?", args: [f.server.id, `new ${f.tag}`] }).then(() => {}));
        const before = await state(f);
        const { method, path, body } = route.request(f, caller);
        const res = await call(path, { method, body, token: caller === "anon" ? undefined : people[caller].token });
        expect(res.status, JSON.stringify(res.body)).toBe(expected);
        if (expected >= 400) {
          expect(res.body).toEqual({ error: expect.any(String) });
          expect(await state(f)).toEqual(before);
        } else {
          expect(route.effect, "every route that can succeed checks what it did").toBeDefined();
          await route.effect!(expect, f, caller, res.body, before);
        }
      });
    }
  });
}
