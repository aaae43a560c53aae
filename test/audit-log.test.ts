// The audit log through the API: every change the contract names makes one entry, in the same write; ADMINs read it
// newest first, a page at a time; nobody else reads it, and a refused change leaves no entry.
import { beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry, Message, Page, ServerView } from "../contract";
import { addChannel, call, channelQuery, createServer, join, memberOf, seedMessage, signUp, sql } from "./helpers";
import type { Person } from "./helpers";

const log = (p: Person, serverId: string, query = "") => call<Page<AuditEntry>>(`/api/servers/${serverId}/audit-log${query}`, { token: p.token });
const entries = async (p: Person, serverId: string) => {
  const res = await log(p, serverId, "?limit=100");
  expect(res.status).toBe(200);
  return res.body.items;
};
const auditRows = async (serverId: string) => Number((await sql.execute({ sql: "SELECT count(*) AS n FROM audit_log WHERE server_id = ?", args: [serverId] })).rows[0].n);

let ann: Person, bob: Person, cat: Person, dan: Person;
let server: ServerView;
beforeAll(async () => {
  [ann, bob, cat, dan] = await Promise.all(["Ann", "Bob", "Cat", "Dan"].map((n) => signUp(n)));
  server = await createServer(ann, "Audited");
  for (const p of [bob, cat, dan]) server = await join(p, server);
});

describe("the audit log", () => {
  it("records each change the contract names, newest first, with who did it, to what, and the reason", async () => {
    const q = (path: string, method: string, body?: unknown) => call(path, { method, token: ann.token, body });
    const bobMember = memberOf(server, bob);
    expect((await q(`/api/members/${bobMember.id}?serverId=${server.id}`, "PATCH", { role: "MODERATOR" })).status).toBe(200);
    const channel = await addChannel(ann, server.id, "audited");
    expect((await q(`/api/channels/${channel.id}?serverId=${server.id}`, "PATCH", { name: "renamed" })).status).toBe(200);
    expect((await q(`/api/channels/${channel.id}?serverId=${server.id}`, "DELETE")).status).toBe(200);
    expect((await q(`/api/servers/${server.id}`, "PATCH", { name: "Audited too" })).status).toBe(200);
    const renewed = await q(`/api/servers/${server.id}/invite-code`, "PATCH");
    expect(renewed.status).toBe(200);
    server = { ...server, inviteCode: (renewed.body as ServerView).inviteCode };
    const catMember = memberOf(server, cat);
    expect((await q(`/api/members/${catMember.id}?serverId=${server.id}`, "DELETE")).status).toBe(200);
    expect((await q(`/api/servers/${server.id}/bans/${dan.profile.id}`, "PUT", { reason: "spam links" })).status).toBe(200);
    expect((await q(`/api/servers/${server.id}/bans/${dan.profile.id}`, "DELETE")).status).toBe(204);
    // a message deleted by a MODERATOR who did not write it
    const message = await seedMessage(ann, channelQuery(server), "to be removed");
    expect((await call<Message>(`/api/socket/messages/${message.id}?${channelQuery(server)}`, { method: "DELETE", token: bob.token })).status).toBe(200);

    const items = await entries(ann, server.id);
    expect(items.map((e) => [e.action, e.targetId])).toEqual([
      ["message.delete", message.id],
      ["member.unban", dan.profile.id],
      ["member.ban", dan.profile.id],
      ["member.kick", catMember.id],
      ["invite.renew", null],
      ["server.update", null],
      ["channel.delete", channel.id],
      ["channel.update", channel.id],
      ["channel.create", channel.id],
      ["member.role", bobMember.id],
    ]);
    expect(items[0].actor).toEqual({ id: bob.profile.id, name: "Bob", imageUrl: null });
    expect(items[1].actor).toEqual({ id: ann.profile.id, name: "Ann", imageUrl: null });
    expect(items.find((e) => e.action === "member.ban")!.reason).toBe("spam links");
    expect(items.find((e) => e.action === "member.role")!.targetName).toBe("Bob");
    expect(items.find((e) => e.action === "member.ban")!.targetName).toBe("Dan");
    expect(items.find((e) => e.action === "channel.delete")!.targetName).toBeNull(); // the channel is gone
    expect(items.filter((e) => e.action !== "member.ban").every((e) => e.reason === null)).toBe(true);
    for (const e of items) {
      expect(Object.keys(e).sort()).toEqual(["action", "actor", "createdAt", "id", "reason", "targetId", "targetName"]);
      expect(JSON.stringify(e)).not.toContain("@");
    }
  });

  it("records a direct message deleted by a MODERATOR who did not write it, in the conversation's server", async () => {
    const conversation = (await call<{ id: string }>("/api/conversations", { method: "POST", token: bob.token, body: { serverId: server.id, memberId: memberOf(server, ann).id } })).body;
    const cq = `conversationId=${conversation.id}`;
    const dm = (await call<Message>(`/api/socket/direct-messages?${cq}`, { method: "POST", token: ann.token, body: { content: "delete me" } })).body;
    expect((await call(`/api/socket/direct-messages/${dm.id}?${cq}`, { method: "DELETE", token: bob.token })).status).toBe(200);
    const [latest] = await entries(ann, server.id);
    expect([latest.action, latest.targetId, latest.actor.id]).toEqual(["message.delete", dm.id, bob.profile.id]);
    // the author deleting their own is no entry
    const own = (await call<Message>(`/api/socket/direct-messages?${cq}`, { method: "POST", token: ann.token, body: { content: "mine" } })).body;
    const before = await auditRows(server.id);
    expect((await call(`/api/socket/direct-messages/${own.id}?${cq}`, { method: "DELETE", token: ann.token })).status).toBe(200);
    expect(await auditRows(server.id)).toBe(before);
  });

  it("pages newest first with nextCursor, null on the last page; a cursor it did not issue and a bad limit are 400", async () => {
    const all = await entries(ann, server.id);
    expect(all.length).toBeGreaterThanOrEqual(4);
    const first = await log(ann, server.id, "?limit=2");
    expect(first.body.items).toEqual(all.slice(0, 2));
    expect(first.body.nextCursor).toBe(all[1].id);
    const second = await log(ann, server.id, `?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toEqual(all.slice(2, 4));
    const last = await log(ann, server.id, `?limit=100&cursor=${all[all.length - 2].id}`);
    expect(last.body).toEqual({ items: [all[all.length - 1]], nextCursor: null });
    for (const query of ["?cursor=nope", "?limit=0", "?limit=-1", "?limit=x"]) {
      const res = await log(ann, server.id, query);
      expect(res.status, query).toBe(400);
      expect((res.body as unknown as { error: string }).error).toEqual(expect.any(String));
    }
    // another server's entry is no cursor here
    const other = await createServer(ann, "Other");
    await call(`/api/servers/${other.id}`, { method: "PATCH", token: ann.token, body: { name: "Other 2" } });
    const foreign = (await entries(ann, other.id))[0].id;
    expect((await log(ann, server.id, `?cursor=${foreign}`)).status).toBe(400);
  });

  it("is for ADMINs: a MODERATOR or GUEST gets 403, someone outside the server 404", async () => {
    const guest = await signUp("Guest");
    await join(guest, server);
    expect((await log(bob, server.id)).status).toBe(403);
    expect((await log(guest, server.id)).status).toBe(403);
    expect((await log(cat, server.id)).status).toBe(404); // kicked: no longer a member
    expect((await log(ann, "no-such-server")).status).toBe(404);
    expect((await call(`/api/servers/${server.id}/audit-log`)).status).toBe(401);
  });

  it("writes nothing for a refused change, an author deleting their own message, or lifting a ban that was not there", async () => {
    const before = await auditRows(server.id);
    const guest = await signUp("Refused");
    const view = await join(guest, server);
    // refused: a GUEST changing a channel, an ADMIN renaming general, a bad role
    expect((await call(`/api/channels/${view.channels[0].id}?serverId=${server.id}`, { method: "PATCH", token: guest.token, body: { name: "x" } })).status).toBe(403);
    expect((await call(`/api/channels/${view.channels[0].id}?serverId=${server.id}`, { method: "PATCH", token: ann.token, body: { name: "x" } })).status).toBe(400);
    expect((await call(`/api/members/${memberOf(view, guest).id}?serverId=${server.id}`, { method: "PATCH", token: ann.token, body: { role: "KING" } })).status).toBe(400);
    const own = await seedMessage(guest, channelQuery(server), "mine");
    expect((await call(`/api/socket/messages/${own.id}?${channelQuery(server)}`, { method: "DELETE", token: guest.token })).status).toBe(200);
    expect((await call(`/api/servers/${server.id}/bans/${guest.profile.id}`, { method: "DELETE", token: ann.token })).status).toBe(204);
    expect(await auditRows(server.id)).toBe(before);
  });
});
