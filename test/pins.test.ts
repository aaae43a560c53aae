// Pins through the API: who may pin in a channel and in a conversation, the 50-pin cap (also when pins race), the
// pins list, the version raise and catch-up, the room's update frame, deleted messages, and the audit log.
import { beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry, Conversation, Message, Page, ServerView } from "../contract";
import { call, channelQuery, createServer, general, join, memberOf, seedMessage, signUp, snapshot, sql } from "./helpers";
import type { Person } from "./helpers";
import { join as joinRoom } from "./rooms";

let ann: Person, bob: Person, gus: Person, out: Person;
let server: ServerView;
let q: string;
beforeAll(async () => {
  [ann, bob, gus, out] = await Promise.all(["Ann", "Bob", "Gus", "Out"].map((n) => signUp(n)));
  server = await createServer(ann, "Pins");
  server = await join(bob, server);
  server = await join(gus, server);
  await call(`/api/members/${memberOf(server, bob).id}?serverId=${server.id}`, { method: "PATCH", token: ann.token, body: { role: "MODERATOR" } });
  q = channelQuery(server);
});

const pin = (p: Person, id: string, on = true, query = q) => call<Message>(`/api/socket/messages/${id}/pin?${query}`, { method: on ? "PUT" : "DELETE", token: p.token });
const pinsIn = (p: Person, query: string) => call<Message[]>(`/api/pins?${query}`, { token: p.token });

describe("pins in a channel", () => {
  it("an ADMIN or MODERATOR pins; the message says pinned, its version rises, the room hears it, the list has it", async () => {
    const room = await joinRoom(gus, general(server).id);
    const m = await seedMessage(gus, q, "pin me");
    const pinned = await pin(bob, m.id);
    expect(pinned.status).toBe(200);
    expect(pinned.body).toMatchObject({ id: m.id, pinned: true, content: "pin me" });
    expect(pinned.body.version).toBeGreaterThan(m.version);
    const frame = await room.next((e) => e.key === `chat:${general(server).id}:messages:update` && (e.data as Message).id === m.id);
    expect(frame.data).toMatchObject({ id: m.id, pinned: true, version: pinned.body.version });
    room.close();
    // catch-up brings the pin
    const after = await call<Page<Message>>(`/api/messages?channelId=${general(server).id}&after=${m.version}`, { token: gus.token });
    expect(after.body.items.find((x) => x.id === m.id)).toMatchObject({ pinned: true });
    // pinning again changes nothing
    const again = await pin(ann, m.id);
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(pinned.body.version);
    // history shows it pinned, and the pins list (for anyone who reads the channel) has it
    const list = await pinsIn(gus, `channelId=${general(server).id}`);
    expect(list.status).toBe(200);
    expect(list.body.map((x) => x.id)).toContain(m.id);
    // unpin
    const unpinned = await pin(ann, m.id, false);
    expect(unpinned.body).toMatchObject({ pinned: false });
    expect(unpinned.body.version).toBeGreaterThan(pinned.body.version);
    expect((await pinsIn(gus, `channelId=${general(server).id}`)).body.map((x) => x.id)).not.toContain(m.id);
    const unpinAgain = await pin(ann, m.id, false);
    expect(unpinAgain.status).toBe(200);
    expect(unpinAgain.body.version).toBe(unpinned.body.version);

    const log = await call<Page<AuditEntry>>(`/api/servers/${server.id}/audit-log`, { token: ann.token });
    expect(log.body.items.slice(0, 2).map((e) => [e.action, e.targetId, e.actor.id])).toEqual([
      ["message.unpin", m.id, ann.profile.id],
      ["message.pin", m.id, bob.profile.id],
    ]);
  });

  it("a GUEST gets 403, an outsider 404, an unknown message 404, a deleted one 404; nothing changes", async () => {
    const m = await seedMessage(gus, q, "not by a guest");
    const before = await snapshot();
    expect((await pin(gus, m.id)).status).toBe(403);
    expect((await pin(gus, m.id, false)).status).toBe(403);
    expect((await pin(out, m.id)).status).toBe(404);
    expect((await pin(ann, "no-such-message")).status).toBe(404);
    expect((await pin(ann, m.id, true, `serverId=${server.id}&channelId=nope`)).status).toBe(404);
    expect((await pinsIn(out, `channelId=${general(server).id}`)).status).toBe(404);
    expect((await pinsIn(ann, "")).status).toBe(400);
    expect((await pinsIn(ann, `channelId=${general(server).id}&conversationId=x`)).status).toBe(400);
    expect(await snapshot()).toBe(before);
    // deleting a pinned message unpins it, and it cannot be pinned again
    await pin(ann, m.id);
    expect((await call(`/api/socket/messages/${m.id}?${q}`, { method: "DELETE", token: gus.token })).status).toBe(200);
    expect((await pinsIn(ann, `channelId=${general(server).id}`)).body.map((x) => x.id)).not.toContain(m.id);
    expect((await pin(ann, m.id)).status).toBe(404);
  });

  it("holds at most 50, latest pinned first, also when pins race", async () => {
    const view = await createServer(ann, "Many pins");
    const query = channelQuery(view);
    const posters = await Promise.all(Array.from({ length: 11 }, (_, i) => signUp(`Poster ${i}`)));
    for (const p of posters) await join(p, view);
    const messages: Message[] = [];
    for (const [i, p] of posters.entries()) for (let j = 0; j < 5; j++) messages.push(await seedMessage(p, query, `m${i}-${j}`));
    expect(messages).toHaveLength(55);
    for (const m of messages.slice(0, 45)) expect((await pin(ann, m.id, true, query)).status).toBe(200);
    const raced = await Promise.all(messages.slice(45).map((m) => pin(ann, m.id, true, query)));
    expect(raced.filter((r) => r.status === 200)).toHaveLength(5);
    const refused = raced.filter((r) => r.status === 400);
    expect(refused).toHaveLength(5);
    expect((refused[0].body as unknown as { error: string }).error).toMatch(/50/);
    const list = await pinsIn(ann, `channelId=${general(view).id}`);
    expect(list.body).toHaveLength(50);
    expect(list.body[list.body.length - 1].id).toBe(messages[0].id);
    expect(list.body[list.body.length - 2].id).toBe(messages[1].id);
    const rows = await sql.execute({ sql: "SELECT count(*) AS n FROM messages WHERE channel_id = ? AND pinned_at IS NOT NULL", args: [general(view).id] });
    expect(Number(rows.rows[0].n)).toBe(50);
    // an unpin makes room for one more
    await pin(ann, messages[0].id, false, query);
    const next = messages.slice(45).find((m) => !list.body.some((x) => x.id === m.id))!;
    expect((await pin(ann, next.id, true, query)).status).toBe(200);
  });
});

describe("pins in a conversation", () => {
  it("either member pins and unpins, on the conversation's room; others cannot see it", async () => {
    const conversation = (await call<Conversation>("/api/conversations", { method: "POST", token: gus.token, body: { serverId: server.id, memberId: memberOf(server, ann).id } })).body;
    const cq = `conversationId=${conversation.id}`;
    const dm = (await call<Message>(`/api/socket/direct-messages?${cq}`, { method: "POST", token: ann.token, body: { content: "our secret" } })).body;
    const room = await joinRoom(ann, conversation.id);
    const pinned = await call<Message>(`/api/socket/direct-messages/${dm.id}/pin?${cq}`, { method: "PUT", token: gus.token });
    expect(pinned.status).toBe(200);
    expect(pinned.body).toMatchObject({ pinned: true, conversationId: conversation.id });
    await room.next((e) => e.key === `chat:${conversation.id}:messages:update` && (e.data as Message).pinned);
    room.close();
    expect((await pinsIn(ann, cq)).body.map((x) => x.id)).toEqual([dm.id]);
    expect((await pinsIn(bob, cq)).status).toBe(404);
    expect((await call(`/api/socket/direct-messages/${dm.id}/pin?${cq}`, { method: "PUT", token: bob.token })).status).toBe(404);
    const unpinned = await call<Message>(`/api/socket/direct-messages/${dm.id}/pin?${cq}`, { method: "DELETE", token: ann.token });
    expect(unpinned.body.pinned).toBe(false);
    // the conversation's server's audit log has both, as for a channel
    const log = await call<Page<AuditEntry>>(`/api/servers/${server.id}/audit-log`, { token: ann.token });
    expect(log.body.items.slice(0, 2).map((e) => [e.action, e.targetId, e.actor.id])).toEqual([
      ["message.unpin", dm.id, ann.profile.id],
      ["message.pin", dm.id, gus.profile.id],
    ]);
  });
});
