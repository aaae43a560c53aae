// Servers, invites, members, channels and conversations as the contract describes them, checked over HTTP and in the database.
import { beforeAll, describe, expect, it } from "vitest";
import type { Channel, Conversation, Member, Role, Server, ServerView } from "../contract";
import { addChannel, call, createServer, join, memberOf, signUp, sql, workerUrl, type Person } from "./helpers";
import { png } from "../worker/files/samples";

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z$/;
const RANK: Record<Role, number> = { ADMIN: 0, MODERATOR: 1, GUEST: 2 };

function expectServer(server: Server) {
  expect(server).toEqual(
    expect.objectContaining({
      id: expect.any(String),
      name: expect.any(String),
      inviteCode: expect.stringMatching(/\S/),
      profileId: expect.any(String),
      createdAt: expect.stringMatching(ISO),
      updatedAt: expect.stringMatching(ISO),
    }),
  );
  expect(server.imageUrl === null || typeof server.imageUrl === "string").toBe(true);
}

/** Anyone may see a member, so its profile is public: exactly id, name and imageUrl, never an e-mail or a hash. */
function expectPublicMembers(members: Member[]) {
  expect(members.length).toBeGreaterThan(0);
  for (const m of members) {
    expect(m).toEqual(
      expect.objectContaining({
        id: expect.any(String),
        role: expect.stringMatching(/^(ADMIN|MODERATOR|GUEST)$/),
        serverId: expect.any(String),
        profileId: expect.any(String),
        createdAt: expect.stringMatching(ISO),
        updatedAt: expect.stringMatching(ISO),
      }),
    );
    expect(Object.keys(m.profile).sort()).toEqual(["id", "imageUrl", "name"]);
    expect(m.profile.id).toBe(m.profileId);
  }
  expect(JSON.stringify(members)).not.toMatch(/email|password|@example\.test|pbkdf2/i);
}

/** A ServerView: the server, its channels and its public members in ADMIN, MODERATOR, GUEST order. */
function expectView(view: ServerView) {
  expectServer(view);
  expect(Array.isArray(view.channels)).toBe(true);
  for (const ch of view.channels) expect(ch.serverId).toBe(view.id);
  expectPublicMembers(view.members);
  for (const m of view.members) expect(m.serverId).toBe(view.id);
  const ranks = view.members.map((m) => RANK[m.role]);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
}

function expectConversation(conv: Conversation, a: Member, b: Member) {
  expect(conv.id).toEqual(expect.any(String));
  expectPublicMembers([conv.memberOne, conv.memberTwo]);
  expect([conv.memberOne.id, conv.memberTwo.id].sort()).toEqual([a.id, b.id].sort());
}

const rows = async (query: string, ...args: string[]) => (await sql.execute({ sql: query, args })).rows;

/** An image uploaded by this person: the only kind a server may show. */
async function imageOf(p: Person): Promise<string> {
  const form = new FormData();
  form.set("file", new File([png()], "icon.png", { type: "image/png" }));
  const res = await fetch(`${workerUrl}/api/uploads`, { method: "POST", headers: { authorization: `Bearer ${p.token}` }, body: form });
  if (res.status !== 201) throw new Error(`upload failed: ${res.status}`);
  return ((await res.json()) as { url: string }).url;
}

async function setRole(admin: Person, serverId: string, memberId: string, role: Role) {
  const res = await call<ServerView>(`/api/members/${memberId}?serverId=${serverId}`, { method: "PATCH", token: admin.token, body: { role } });
  expect(res.status).toBe(200);
  expectView(res.body);
  return res.body;
}

const conversation = (person: Person, serverId: string, memberId: string) =>
  call<Conversation>("/api/conversations", { method: "POST", token: person.token, body: { serverId, memberId } });

let ann: Person, bob: Person, cat: Person, dan: Person, eve: Person;
beforeAll(async () => {
  [ann, bob, cat, dan, eve] = await Promise.all(["Ann", "Bob", "Cat", "Dan", "Eve"].map((n) => signUp(n)));
});

describe("servers", () => {
  it("creates a server with the owner as its ADMIN member, a TEXT channel general and an invite code", async () => {
    await createServer(ann, "Ann's first"); // uploading is for people in a server
    const a = await imageOf(ann);
    const res = await call<ServerView>("/api/servers", { method: "POST", token: ann.token, body: { name: "Ann's place", imageUrl: a } });
    expect(res.status).toBe(201);
    const view = res.body;
    expectView(view);
    expect(view.name).toBe("Ann's place");
    expect(view.imageUrl).toBe(a);
    expect(view.profileId).toBe(ann.profile.id);
    expect(view.members).toHaveLength(1);
    expect(view.members[0]).toMatchObject({ role: "ADMIN", profileId: ann.profile.id, serverId: view.id });
    expect(view.members[0].profile).toEqual({ id: ann.profile.id, name: "Ann", imageUrl: null });
    expect(view.channels).toHaveLength(1);
    expect(view.channels[0]).toEqual(
      expect.objectContaining({ id: expect.any(String), name: "general", type: "TEXT", serverId: view.id, profileId: ann.profile.id, createdAt: expect.stringMatching(ISO), updatedAt: expect.stringMatching(ISO) }),
    );

    expect(await rows("SELECT name, invite_code, profile_id FROM servers WHERE id = ?", view.id)).toEqual([
      expect.objectContaining({ name: "Ann's place", invite_code: view.inviteCode, profile_id: ann.profile.id }),
    ]);
    expect(await rows("SELECT profile_id, role FROM members WHERE server_id = ?", view.id)).toEqual([expect.objectContaining({ profile_id: ann.profile.id, role: "ADMIN" })]);
    expect(await rows("SELECT name, type FROM channels WHERE server_id = ?", view.id)).toEqual([expect.objectContaining({ name: "general", type: "TEXT" })]);

    const second = await createServer(ann, "Another");
    expect(second.id).not.toBe(view.id);
    expect(second.inviteCode).not.toBe(view.inviteCode);
    expect(second.imageUrl).toBeNull();
  });

  it("lists only the caller's servers", async () => {
    const [lister, other, stranger] = await Promise.all([signUp("Lister"), signUp("Other"), signUp("Stranger")]);
    const mine1 = await createServer(lister, "mine 1");
    const mine2 = await createServer(lister, "mine 2");
    const theirs = await createServer(other, "theirs");
    const joined = await createServer(other, "joined");
    await join(lister, joined);

    const res = await call<Server[]>("/api/servers", { token: lister.token });
    expect(res.status).toBe(200);
    expect(res.body.map((s) => s.id).sort()).toEqual([mine1.id, mine2.id, joined.id].sort());
    for (const s of res.body) expectServer(s);
    const { channels: _c, members: _m, ...plain } = mine1;
    expect(res.body.find((s) => s.id === mine1.id)).toMatchObject(plain);

    expect((await call<Server[]>("/api/servers", { token: other.token })).body.map((s) => s.id).sort()).toEqual([theirs.id, joined.id].sort());
    expect(await call("/api/servers", { token: stranger.token })).toMatchObject({ status: 200, body: [] });
  });

  it("shows a server to its members only; others get the same 404 as an unknown id", async () => {
    const server = await createServer(ann, "readable");
    await join(bob, server);
    for (const person of [ann, bob]) {
      const res = await call<ServerView>(`/api/servers/${server.id}`, { token: person.token });
      expect(res.status).toBe(200);
      expectView(res.body);
      expect(res.body.id).toBe(server.id);
      expect(res.body.members.map((m) => m.profileId)).toEqual([ann.profile.id, bob.profile.id]);
    }
    const outsider = await call(`/api/servers/${server.id}`, { token: cat.token });
    const unknown = await call("/api/servers/no-such-server", { token: cat.token });
    expect(outsider.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(outsider.body).toEqual({ error: expect.any(String) });
    expect(outsider.body).toEqual(unknown.body);
  });

  it("renames a server and changes its image", async () => {
    const server = await createServer(ann, "old name");
    const renamed = await call<Server>(`/api/servers/${server.id}`, { method: "PATCH", token: ann.token, body: { name: "new name" } });
    expect(renamed.status).toBe(200);
    expectServer(renamed.body);
    expect(renamed.body).toMatchObject({ id: server.id, name: "new name", imageUrl: null, inviteCode: server.inviteCode, profileId: ann.profile.id });
    expect(renamed.body.updatedAt >= server.updatedAt).toBe(true);

    const [b, c] = [await imageOf(ann), await imageOf(ann)];
    const imaged = await call<Server>(`/api/servers/${server.id}`, { method: "PATCH", token: ann.token, body: { imageUrl: b } });
    expect(imaged.status).toBe(200);
    expect(imaged.body).toMatchObject({ id: server.id, name: "new name", imageUrl: b });

    const both = await call<Server>(`/api/servers/${server.id}`, { method: "PATCH", token: ann.token, body: { name: "third", imageUrl: c } });
    expect(both.body).toMatchObject({ name: "third", imageUrl: c });

    const read = await call<ServerView>(`/api/servers/${server.id}`, { token: ann.token });
    expect(read.body).toMatchObject({ name: "third", imageUrl: c });
    expect(await rows("SELECT name, image_url FROM servers WHERE id = ?", server.id)).toEqual([expect.objectContaining({ name: "third", image_url: c })]);
  });

  it("lets the owner delete a server, and everything in it is gone", async () => {
    const server = await createServer(ann, "doomed");
    await join(bob, server);
    const view = await join(cat, server);
    const extra = await addChannel(ann, server.id, "extra", "AUDIO", expectView);
    const conv = await conversation(bob, server.id, memberOf(view, cat).id);
    expect(conv.status).toBe(201);
    const keeper = await createServer(ann, "kept");
    await join(bob, keeper);

    const res = await call<Server>(`/api/servers/${server.id}`, { method: "DELETE", token: ann.token });
    expect(res.status).toBe(200);
    expectServer(res.body);
    expect(res.body).toMatchObject({ id: server.id, name: "doomed", profileId: ann.profile.id, inviteCode: server.inviteCode });

    expect(await rows("SELECT id FROM servers WHERE id = ?", server.id)).toEqual([]);
    expect(await rows("SELECT id FROM members WHERE server_id = ?", server.id)).toEqual([]);
    expect(await rows("SELECT id FROM channels WHERE server_id = ? OR id = ?", server.id, extra.id)).toEqual([]);
    expect(await rows("SELECT id FROM conversations WHERE id = ?", conv.body.id)).toEqual([]);
    const memberIds = view.members.map((m) => m.id);
    expect(await rows(`SELECT id FROM members WHERE id IN (${memberIds.map(() => "?").join(",")})`, ...memberIds)).toEqual([]);

    expect((await call(`/api/servers/${server.id}`, { token: ann.token })).status).toBe(404);
    expect((await call(`/api/invite/${server.inviteCode}`, { method: "POST", token: dan.token })).status).toBe(404);
    const bobs = (await call<Server[]>("/api/servers", { token: bob.token })).body.map((s) => s.id);
    expect(bobs).not.toContain(server.id);
    expect(bobs).toContain(keeper.id);
    // the other server is untouched
    expect((await call<ServerView>(`/api/servers/${keeper.id}`, { token: bob.token })).body.members).toHaveLength(2);
  });

  it("makes a new invite code, and the old one stops working", async () => {
    const server = await createServer(ann, "rotating");
    const res = await call<Server>(`/api/servers/${server.id}/invite-code`, { method: "PATCH", token: ann.token });
    expect(res.status).toBe(200);
    expectServer(res.body);
    expect(res.body).toMatchObject({ id: server.id, name: "rotating" });
    expect(res.body.inviteCode).not.toBe(server.inviteCode);
    expect(await rows("SELECT invite_code FROM servers WHERE id = ?", server.id)).toEqual([expect.objectContaining({ invite_code: res.body.inviteCode })]);

    const old = await call(`/api/invite/${server.inviteCode}`, { method: "POST", token: bob.token });
    expect(old.status).toBe(404);
    expect(old.body).toEqual({ error: expect.any(String) });
    expect(await rows("SELECT id FROM members WHERE server_id = ? AND profile_id = ?", server.id, bob.profile.id)).toEqual([]);

    const fresh = await join(bob, res.body);
    expect(memberOf(fresh, bob).role).toBe("GUEST");
  });

  it("lets a member leave, but not the owner (400)", async () => {
    const server = await createServer(ann, "leavable");
    await join(bob, server);
    await join(cat, server);

    const owner = await call(`/api/servers/${server.id}/leave`, { method: "PATCH", token: ann.token });
    expect(owner.status).toBe(400);
    expect(owner.body).toEqual({ error: expect.any(String) });
    expect(await rows("SELECT role FROM members WHERE server_id = ? AND profile_id = ?", server.id, ann.profile.id)).toEqual([expect.objectContaining({ role: "ADMIN" })]);

    const res = await call<Server>(`/api/servers/${server.id}/leave`, { method: "PATCH", token: bob.token });
    expect(res.status).toBe(200);
    expectServer(res.body);
    expect(res.body.id).toBe(server.id);
    // bob is a former member now: his row stays, marked left, and grants nothing
    expect(await rows("SELECT left FROM members WHERE server_id = ? AND profile_id = ?", server.id, bob.profile.id)).toEqual([{ left: 1 }]);
    const view = (await call<ServerView>(`/api/servers/${server.id}`, { token: ann.token })).body;
    expect(view.members.map((m) => m.profileId)).toEqual([ann.profile.id, cat.profile.id]);
    expect((await call(`/api/servers/${server.id}`, { token: bob.token })).status).toBe(404);
    expect((await call<Server[]>("/api/servers", { token: bob.token })).body.map((s) => s.id)).not.toContain(server.id);
    // having left, bob is no longer a member: leaving again is the 404 of a server one is not in
    expect((await call(`/api/servers/${server.id}/leave`, { method: "PATCH", token: bob.token })).status).toBe(404);
  });
});

describe("invites", () => {
  it("joins as GUEST, and a member's second call changes nothing", async () => {
    const server = await createServer(ann, "open house");
    const res = await call<ServerView>(`/api/invite/${server.inviteCode}`, { method: "POST", token: bob.token });
    expect(res.status).toBe(200);
    expectView(res.body);
    expect(res.body.id).toBe(server.id);
    const bobMember = memberOf(res.body, bob);
    expect(bobMember.role).toBe("GUEST");
    expect(bobMember.profile).toEqual({ id: bob.profile.id, name: "Bob", imageUrl: null });
    expect(res.body.members).toHaveLength(2);

    const again = await call<ServerView>(`/api/invite/${server.inviteCode}`, { method: "POST", token: bob.token });
    expect(again.status).toBe(200);
    expectView(again.body);
    expect(again.body.members).toEqual(res.body.members);

    // a promoted member following the invite again keeps the role; so does the owner
    await setRole(ann, server.id, bobMember.id, "MODERATOR");
    const promoted = await call<ServerView>(`/api/invite/${server.inviteCode}`, { method: "POST", token: bob.token });
    expect(promoted.status).toBe(200);
    expect(memberOf(promoted.body, bob)).toMatchObject({ id: bobMember.id, role: "MODERATOR" });
    const owner = await call<ServerView>(`/api/invite/${server.inviteCode}`, { method: "POST", token: ann.token });
    expect(owner.status).toBe(200);
    expect(memberOf(owner.body, ann).role).toBe("ADMIN");
    expect(owner.body.members).toHaveLength(2);
    expect(await rows("SELECT profile_id, role FROM members WHERE server_id = ? ORDER BY role", server.id)).toEqual([
      expect.objectContaining({ profile_id: ann.profile.id, role: "ADMIN" }),
      expect.objectContaining({ profile_id: bob.profile.id, role: "MODERATOR" }),
    ]);
  });

  it("refuses an unknown invite code with 404", async () => {
    const res = await call("/api/invite/not-a-real-code", { method: "POST", token: bob.token });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: expect.any(String) });
  });
});

describe("members", () => {
  it("lists members ADMIN first, then MODERATOR, then GUEST", async () => {
    const server = await createServer(ann, "ordered");
    for (const p of [bob, cat, dan, eve]) await join(p, server);
    let view = (await call<ServerView>(`/api/servers/${server.id}`, { token: ann.token })).body;
    // join order bob, cat, dan, eve; roles: eve ADMIN, dan MODERATOR, bob MODERATOR, cat GUEST
    await setRole(ann, server.id, memberOf(view, eve).id, "ADMIN");
    await setRole(ann, server.id, memberOf(view, dan).id, "MODERATOR");
    view = await setRole(ann, server.id, memberOf(view, bob).id, "MODERATOR");
    expect(view.members.map((m) => m.role)).toEqual(["ADMIN", "ADMIN", "MODERATOR", "MODERATOR", "GUEST"]);
    expect(view.members.slice(0, 2).map((m) => m.profileId).sort()).toEqual([ann.profile.id, eve.profile.id].sort());
    expect(view.members.slice(2, 4).map((m) => m.profileId).sort()).toEqual([bob.profile.id, dan.profile.id].sort());
    expect(view.members[4].profileId).toBe(cat.profile.id);
    const read = (await call<ServerView>(`/api/servers/${server.id}`, { token: cat.token })).body;
    expectView(read);
    expect(read.members.map((m) => m.role)).toEqual(["ADMIN", "ADMIN", "MODERATOR", "MODERATOR", "GUEST"]);
  });

  it("changes a role, but never one's own nor the owner's (400)", async () => {
    const server = await createServer(ann, "roles");
    await join(bob, server);
    const view = await join(cat, server);
    const [owner, b, c] = [memberOf(view, ann), memberOf(view, bob), memberOf(view, cat)];

    for (const role of ["MODERATOR", "ADMIN", "GUEST", "ADMIN"] as const) {
      const res = await call<ServerView>(`/api/members/${b.id}?serverId=${server.id}`, { method: "PATCH", token: ann.token, body: { role } });
      expect(res.status).toBe(200);
      expectView(res.body);
      expect(memberOf(res.body, bob)).toMatchObject({ id: b.id, role });
      expect(await rows("SELECT role FROM members WHERE id = ?", b.id)).toEqual([expect.objectContaining({ role })]);
    }

    // bob is now an ADMIN, but not the owner
    const refusals = [
      { who: ann, target: owner.id, what: "owner on self" },
      { who: bob, target: b.id, what: "admin on self" },
      { who: bob, target: owner.id, what: "admin on the owner" },
    ];
    for (const { who, target, what } of refusals) {
      const res = await call(`/api/members/${target}?serverId=${server.id}`, { method: "PATCH", token: who.token, body: { role: "GUEST" } });
      expect(res.status, what).toBe(400);
      expect(res.body, what).toEqual({ error: expect.any(String) });
    }
    expect(await rows("SELECT role FROM members WHERE id IN (?, ?) ORDER BY role", owner.id, b.id)).toEqual([
      expect.objectContaining({ role: "ADMIN" }),
      expect.objectContaining({ role: "ADMIN" }),
    ]);

    // another ADMIN may change any other member
    const byBob = await call<ServerView>(`/api/members/${c.id}?serverId=${server.id}`, { method: "PATCH", token: bob.token, body: { role: "MODERATOR" } });
    expect(byBob.status).toBe(200);
    expect(memberOf(byBob.body, cat).role).toBe("MODERATOR");
  });

  it("kicks a member, but never oneself nor the owner (400)", async () => {
    const server = await createServer(ann, "kicks");
    await join(bob, server);
    await join(cat, server);
    const view = await join(dan, server);
    const [owner, b, c, d] = [ann, bob, cat, dan].map((p) => memberOf(view, p));
    await setRole(ann, server.id, b.id, "ADMIN");

    for (const { who, target, what } of [
      { who: ann, target: owner.id, what: "owner on self" },
      { who: bob, target: b.id, what: "admin on self" },
      { who: bob, target: owner.id, what: "admin on the owner" },
    ]) {
      const res = await call(`/api/members/${target}?serverId=${server.id}`, { method: "DELETE", token: who.token });
      expect(res.status, what).toBe(400);
      expect(res.body, what).toEqual({ error: expect.any(String) });
    }
    expect(await rows("SELECT id FROM members WHERE server_id = ? AND left = 0", server.id)).toHaveLength(4);

    const res = await call<ServerView>(`/api/members/${c.id}?serverId=${server.id}`, { method: "DELETE", token: ann.token });
    expect(res.status).toBe(200);
    expectView(res.body);
    expect(res.body.members.map((m) => m.id)).not.toContain(c.id);
    expect(res.body.members).toHaveLength(3);
    expect(await rows("SELECT left FROM members WHERE id = ?", c.id)).toEqual([{ left: 1 }]);
    expect((await call(`/api/servers/${server.id}`, { token: cat.token })).status).toBe(404);

    const byBob = await call<ServerView>(`/api/members/${d.id}?serverId=${server.id}`, { method: "DELETE", token: bob.token });
    expect(byBob.status).toBe(200);
    expect(byBob.body.members.map((m) => m.profileId).sort()).toEqual([owner.profileId, b.profileId].sort());
    expect(byBob.body.members.map((m) => m.role)).toEqual(["ADMIN", "ADMIN"]);

    // a kicked person can come back through the invite, as a GUEST
    expect(memberOf(await join(cat, server), cat).role).toBe("GUEST");
  });

  it("does not find a member of another server, nor an unknown one (404)", async () => {
    const server = await createServer(ann, "here");
    const elsewhere = await createServer(bob, "elsewhere");
    const view = await join(cat, elsewhere);
    const foreign = memberOf(view, cat).id;
    for (const id of [foreign, "no-such-member"]) {
      const patch = await call(`/api/members/${id}?serverId=${server.id}`, { method: "PATCH", token: ann.token, body: { role: "MODERATOR" } });
      expect(patch.status).toBe(404);
      const kick = await call(`/api/members/${id}?serverId=${server.id}`, { method: "DELETE", token: ann.token });
      expect(kick.status).toBe(404);
    }
    expect(await rows("SELECT role FROM members WHERE id = ?", foreign)).toEqual([expect.objectContaining({ role: "GUEST" })]);
  });
});

describe("channels", () => {
  it("creates TEXT, AUDIO and VIDEO channels with names of 1 to 100 characters", async () => {
    const server = await createServer(ann, "channels");
    await join(bob, server);
    const view = await join(cat, server);
    await setRole(ann, server.id, memberOf(view, bob).id, "MODERATOR");

    const made: Channel[] = [];
    for (const [who, name, type] of [[ann, "chat", "TEXT"], [bob, "voice", "AUDIO"], [ann, "v", "VIDEO"], [bob, "x".repeat(100), "TEXT"]] as const) {
      const res = await call<ServerView>(`/api/channels?serverId=${server.id}`, { method: "POST", token: who.token, body: { name, type } });
      expect(res.status, name).toBe(201);
      expectView(res.body);
      const channel = res.body.channels.find((c) => c.name === name)!;
      expect(channel).toEqual(
        expect.objectContaining({ id: expect.any(String), name, type, serverId: server.id, profileId: who.profile.id, createdAt: expect.stringMatching(ISO), updatedAt: expect.stringMatching(ISO) }),
      );
      made.push(channel);
    }
    expect(await rows("SELECT name, type FROM channels WHERE server_id = ? AND name <> 'general' ORDER BY created_at, id", server.id)).toHaveLength(4);
    const read = (await call<ServerView>(`/api/servers/${server.id}`, { token: cat.token })).body;
    expect(read.channels.map((c) => c.id).sort()).toEqual([read.channels.find((c) => c.name === "general")!.id, ...made.map((c) => c.id)].sort());

    for (const name of ["", "y".repeat(101)]) {
      const res = await call(`/api/channels?serverId=${server.id}`, { method: "POST", token: ann.token, body: { name, type: "TEXT" } });
      expect(res.status, `name of ${name.length}`).toBe(400);
      expect(res.body).toEqual({ error: expect.any(String) });
    }
    expect(await rows("SELECT id FROM channels WHERE server_id = ?", server.id)).toHaveLength(5);
  });

  it("reserves the name general in any case: no second one, and no channel renamed to it (400)", async () => {
    const server = await createServer(ann, "reserved");
    const other = await addChannel(ann, server.id, "random", "TEXT", expectView);
    for (const name of ["general", "General", "GENERAL"]) {
      const made = await call(`/api/channels?serverId=${server.id}`, { method: "POST", token: ann.token, body: { name, type: "TEXT" } });
      expect(made.status, name).toBe(400);
      expect(made.body.error).toEqual(expect.any(String));
      const renamed = await call(`/api/channels/${other.id}?serverId=${server.id}`, { method: "PATCH", token: ann.token, body: { name } });
      expect(renamed.status, name).toBe(400);
    }
    expect(await rows("SELECT name FROM channels WHERE server_id = ? ORDER BY name", server.id)).toEqual([
      expect.objectContaining({ name: "general" }),
      expect.objectContaining({ name: "random" }),
    ]);
  });

  it("never renames, retypes or deletes general (400)", async () => {
    const server = await createServer(ann, "immutable");
    const general = server.channels[0];
    const attempts = [
      { method: "PATCH", body: { name: "lobby" } },
      { method: "PATCH", body: { type: "AUDIO" } },
      { method: "PATCH", body: { name: "general", type: "VIDEO" } },
      { method: "DELETE" },
    ];
    for (const a of attempts) {
      const res = await call(`/api/channels/${general.id}?serverId=${server.id}`, { ...a, token: ann.token });
      expect(res.status, JSON.stringify(a)).toBe(400);
      expect(res.body).toEqual({ error: expect.any(String) });
    }
    expect(await rows("SELECT id, name, type FROM channels WHERE server_id = ?", server.id)).toEqual([expect.objectContaining({ id: general.id, name: "general", type: "TEXT" })]);
  });

  it("edits and deletes other channels", async () => {
    const server = await createServer(ann, "editable");
    const view = await join(bob, server);
    await setRole(ann, server.id, memberOf(view, bob).id, "MODERATOR");
    const channel = await addChannel(ann, server.id, "talk", "TEXT", expectView);

    const renamed = await call<ServerView>(`/api/channels/${channel.id}?serverId=${server.id}`, { method: "PATCH", token: bob.token, body: { name: "chatter" } });
    expect(renamed.status).toBe(200);
    expectView(renamed.body);
    expect(renamed.body.channels.find((c) => c.id === channel.id)).toMatchObject({ name: "chatter", type: "TEXT" });

    const retyped = await call<ServerView>(`/api/channels/${channel.id}?serverId=${server.id}`, { method: "PATCH", token: ann.token, body: { type: "VIDEO" } });
    expect(retyped.status).toBe(200);
    expect(retyped.body.channels.find((c) => c.id === channel.id)).toMatchObject({ name: "chatter", type: "VIDEO" });

    const both = await call<ServerView>(`/api/channels/${channel.id}?serverId=${server.id}`, { method: "PATCH", token: ann.token, body: { name: "z".repeat(100), type: "AUDIO" } });
    expect(both.status).toBe(200);
    expect(both.body.channels.find((c) => c.id === channel.id)).toMatchObject({ name: "z".repeat(100), type: "AUDIO" });
    expect(await rows("SELECT name, type FROM channels WHERE id = ?", channel.id)).toEqual([expect.objectContaining({ name: "z".repeat(100), type: "AUDIO" })]);

    const tooLong = await call(`/api/channels/${channel.id}?serverId=${server.id}`, { method: "PATCH", token: ann.token, body: { name: "z".repeat(101) } });
    expect(tooLong.status).toBe(400);

    const deleted = await call<ServerView>(`/api/channels/${channel.id}?serverId=${server.id}`, { method: "DELETE", token: bob.token });
    expect(deleted.status).toBe(200);
    expectView(deleted.body);
    expect(deleted.body.channels.map((c) => c.name)).toEqual(["general"]);
    expect(await rows("SELECT id FROM channels WHERE id = ?", channel.id)).toEqual([]);
    expect((await call(`/api/channels/${channel.id}?serverId=${server.id}`, { method: "DELETE", token: ann.token })).status).toBe(404);
  });

  it("does not find a channel of another server (404)", async () => {
    const server = await createServer(ann, "mine");
    const elsewhere = await createServer(ann, "elsewhere");
    const foreign = await addChannel(ann, elsewhere.id, "foreign", "TEXT", expectView);
    for (const a of [{ method: "PATCH", body: { name: "stolen" } }, { method: "DELETE" }]) {
      const res = await call(`/api/channels/${foreign.id}?serverId=${server.id}`, { ...a, token: ann.token });
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: expect.any(String) });
    }
    expect(await rows("SELECT name, server_id FROM channels WHERE id = ?", foreign.id)).toEqual([expect.objectContaining({ name: "foreign", server_id: elsewhere.id })]);
  });
});

describe("conversations", () => {
  it("makes a conversation once (201) and finds it again (200), from either side", async () => {
    const server = await createServer(ann, "talks");
    const view = await join(bob, server);
    const [a, b] = [memberOf(view, ann), memberOf(view, bob)];

    const first = await conversation(ann, server.id, b.id);
    expect(first.status).toBe(201);
    expectConversation(first.body, a, b);

    const again = await conversation(ann, server.id, b.id);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expectConversation(again.body, a, b);

    const otherSide = await conversation(bob, server.id, a.id);
    expect(otherSide.status).toBe(200);
    expect(otherSide.body.id).toBe(first.body.id);
    expectConversation(otherSide.body, a, b);

    expect(
      await rows("SELECT id FROM conversations WHERE (member_one_id = ? AND member_two_id = ?) OR (member_one_id = ? AND member_two_id = ?)", a.id, b.id, b.id, a.id),
    ).toEqual([expect.objectContaining({ id: first.body.id })]);
  });

  it("makes exactly one conversation when requests race, from both sides", async () => {
    const server = await createServer(ann, "racing");
    for (const p of [bob, cat, dan]) await join(p, server);
    const view = (await call<ServerView>(`/api/servers/${server.id}`, { token: ann.token })).body;
    const pairs: [Person, Person][] = [[ann, bob], [cat, dan]];

    const results = await Promise.all(
      pairs.map(async ([x, y]) => {
        const [mx, my] = [memberOf(view, x), memberOf(view, y)];
        const answers = await Promise.all([conversation(x, server.id, my.id), conversation(y, server.id, mx.id), conversation(x, server.id, my.id), conversation(y, server.id, mx.id)]);
        return { mx, my, answers };
      }),
    );
    for (const { mx, my, answers } of results) {
      expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
      const ids = new Set(answers.map((r) => r.body.id));
      expect(ids.size).toBe(1);
      for (const r of answers) expectConversation(r.body, mx, my);
      expect(
        await rows("SELECT id FROM conversations WHERE (member_one_id = ? AND member_two_id = ?) OR (member_one_id = ? AND member_two_id = ?)", mx.id, my.id, my.id, mx.id),
      ).toEqual([expect.objectContaining({ id: [...ids][0] })]);
    }
  });

  it("refuses a conversation with oneself (400)", async () => {
    const server = await createServer(ann, "alone");
    const res = await conversation(ann, server.id, server.members[0].id);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: expect.any(String) });
    expect(await rows("SELECT id FROM conversations WHERE member_one_id = ? OR member_two_id = ?", server.members[0].id, server.members[0].id)).toEqual([]);
  });

  it("does not find members of another server, unknown members or servers the caller is not in (404)", async () => {
    const server = await createServer(ann, "home");
    const homeView = await join(bob, server);
    const elsewhere = await createServer(cat, "away");
    const awayView = await join(dan, elsewhere);
    const cases = [
      { who: ann, serverId: server.id, memberId: memberOf(awayView, dan).id, what: "a member of another server" },
      { who: ann, serverId: server.id, memberId: "no-such-member", what: "an unknown member" },
      { who: ann, serverId: elsewhere.id, memberId: memberOf(awayView, dan).id, what: "a server the caller is not in" },
      { who: eve, serverId: server.id, memberId: memberOf(homeView, bob).id, what: "an outsider" },
      { who: ann, serverId: "no-such-server", memberId: memberOf(homeView, bob).id, what: "an unknown server" },
    ];
    for (const { who, serverId, memberId, what } of cases) {
      const res = await conversation(who, serverId, memberId);
      expect(res.status, what).toBe(404);
      expect(res.body, what).toEqual({ error: expect.any(String) });
    }
    const memberIds = [...homeView.members, ...awayView.members].map((m) => m.id);
    expect(await rows(`SELECT id FROM conversations WHERE member_one_id IN (${memberIds.map(() => "?").join(",")}) OR member_two_id IN (${memberIds.map(() => "?").join(",")})`, ...memberIds, ...memberIds)).toEqual([]);
  });
});
