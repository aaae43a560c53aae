// Notification levels through the API: set for a channel, a conversation or a whole server the caller reads; only
// levels other than the default are listed; nobody sets a level for a room they cannot read; bad input is 400.
import { beforeAll, describe, expect, it } from "vitest";
import type { Conversation, NotificationSetting, ServerView } from "../contract";
import { call, createServer, general, join, memberOf, signUp, snapshot } from "./helpers";
import type { Person } from "./helpers";

let ann: Person, bob: Person, out: Person;
let server: ServerView;
let conversation: Conversation;
beforeAll(async () => {
  [ann, bob, out] = await Promise.all(["Ann", "Bob", "Out"].map((n) => signUp(n)));
  server = await join(bob, await createServer(ann, "Quiet"));
  conversation = (await call<Conversation>("/api/conversations", { method: "POST", token: bob.token, body: { serverId: server.id, memberId: memberOf(server, ann).id } })).body;
});

const put = (p: Person, roomId: string, body: unknown) => call<NotificationSetting>(`/api/notification-settings/${roomId}`, { method: "PUT", token: p.token, body });
const list = async (p: Person) => (await call<NotificationSetting[]>("/api/notification-settings", { token: p.token })).body;

describe("notification settings", () => {
  it("start empty, and keep a level per channel, conversation and server, each person their own", async () => {
    expect(await list(bob)).toEqual([]);
    expect((await put(bob, general(server).id, { level: "none" })).body).toEqual({ roomId: general(server).id, level: "none" });
    expect((await put(bob, conversation.id, { level: "mentions" })).body).toEqual({ roomId: conversation.id, level: "mentions" });
    expect((await put(bob, server.id, { level: "all" })).body).toEqual({ roomId: server.id, level: "all" });
    const mine = await list(bob);
    expect(mine).toHaveLength(3);
    expect(mine).toEqual(expect.arrayContaining([
      { roomId: general(server).id, level: "none" }, { roomId: conversation.id, level: "mentions" }, { roomId: server.id, level: "all" },
    ]));
    expect(await list(ann)).toEqual([]);
    // changed again: one row, the new level
    await put(bob, general(server).id, { level: "all" });
    expect((await list(bob)).filter((s) => s.roomId === general(server).id)).toEqual([{ roomId: general(server).id, level: "all" }]);
  });

  it("lists no level that is the default: all for a conversation, mentions for a server", async () => {
    await put(bob, conversation.id, { level: "all" });
    await put(bob, server.id, { level: "mentions" });
    const mine = await list(bob);
    expect(mine.map((s) => s.roomId)).not.toContain(conversation.id);
    expect(mine.map((s) => s.roomId)).not.toContain(server.id);
    // a channel's own level is kept whatever it is, since without it the channel takes its server's
    await put(bob, general(server).id, { level: "mentions" });
    expect(await list(bob)).toContainEqual({ roomId: general(server).id, level: "mentions" });
  });

  it("refuses rooms the caller cannot read (404) and levels that are not all, mentions or none (400); nothing changes", async () => {
    const before = await snapshot();
    for (const room of [general(server).id, conversation.id, server.id, "no-such-room"]) expect((await put(out, room, { level: "none" })).status, room).toBe(404);
    for (const body of [{ level: "loud" }, { level: null }, {}, [], "none"]) expect((await put(bob, server.id, body)).status, JSON.stringify(body)).toBe(400);
    expect((await call(`/api/notification-settings/${server.id}`, { method: "PUT", token: bob.token, raw: "{", headers: { "content-type": "application/json" } })).status).toBe(400);
    expect((await call("/api/notification-settings")).status).toBe(401);
    expect(await snapshot()).toBe(before);
  });
});
