// Replies, mentions, reactions and the "edited" mark, through the API against the real worker and sqld, with real
// room sockets where the rule is about what the room sends.
import { beforeAll, describe, expect, it } from "vitest";
import type { Conversation, Message, Page, ReactionEvent, ServerView } from "../contract";
import { REACTIONS_PER_MESSAGE_MAX, reactionsKey } from "../contract";
import { call, channelQuery, createServer, general, join, memberOf, seedMessage, signUp, snapshot } from "./helpers";
import type { Person } from "./helpers";
import { join as openRoomOf } from "./rooms";

const post = (p: Person, query: string, body: Record<string, unknown>) => call<Message & { error?: string }>(`/api/socket/messages?${query}`, { method: "POST", token: p.token, body });
const reactPath = (query: string, messageId: string, emoji: string) => `/api/socket/messages/${messageId}/reactions/${encodeURIComponent(emoji)}?${query}`;
const react = (p: Person, query: string, messageId: string, emoji: string, method: "PUT" | "DELETE" = "PUT") =>
  call<Message & { error?: string }>(reactPath(query, messageId, emoji), { method, token: p.token });

let owner: Person, grace: Person, alan: Person, outsider: Person;
let server: ServerView, other: ServerView, query: string;

/** A channel of its own for a test, so the message rate limit (per member and channel) never meets another test's posts. */
let channels = 0;
async function freshChannel(): Promise<string> {
  const name = `room-${++channels}`;
  const res = await call<ServerView>(`/api/channels?serverId=${server.id}`, { method: "POST", token: owner.token, body: { name, type: "TEXT" } });
  return channelQuery(server, res.body.channels.find((c) => c.name === name)!.id);
}

beforeAll(async () => {
  [owner, grace, alan, outsider] = await Promise.all([signUp("Owner"), signUp("Grace"), signUp("Alan"), signUp("Outsider")]);
  server = await createServer(owner, "Conversations");
  await join(grace, server);
  server = await join(alan, server);
  other = await createServer(outsider, "Elsewhere");
  query = channelQuery(server);
});

describe("replies", () => {
  it("answers a message of the same channel and shows it as it is now", async () => {
    const original = await seedMessage(grace, query, "the original, first line\nsecond line");
    const res = await post(alan, query, { content: "an answer", replyToId: original.id });
    expect(res.status).toBe(201);
    expect(res.body.replyTo).toMatchObject({ id: original.id, content: original.content, deleted: false, fileUrl: null, memberId: original.memberId });
    expect(res.body.replyTo!.member.profile).toEqual({ id: grace.profile.id, name: "Grace", imageUrl: null });
    expect(JSON.stringify(res.body)).not.toContain(grace.email);

    // the original is deleted: the reply shows it deleted, in history and catch-up alike
    expect((await call(`/api/socket/messages/${original.id}?${query}`, { method: "DELETE", token: grace.token })).status).toBe(200);
    const page = await call<Page<Message>>(`/api/messages?channelId=${general(server).id}&limit=5`, { token: owner.token });
    const reply = page.body.items.find((m) => m.id === res.body.id)!;
    expect(reply.replyTo).toMatchObject({ id: original.id, deleted: true, content: "This message has been deleted." });
  });

  it("refuses an unknown message, another channel's or another server's, and changes nothing", async () => {
    const elsewhere = await seedMessage(outsider, channelQuery(other), "far away");
    const second = server.channels.length > 1 ? server.channels[1] : undefined;
    const before = await snapshot();
    for (const replyToId of ["01NOPE", elsewhere.id, "", 42, "x".repeat(65)]) {
      const res = await post(grace, query, { content: "answer?", replyToId });
      expect(res.status, JSON.stringify(replyToId)).toBe(400);
      expect(res.body.error).toEqual(expect.any(String));
    }
    expect(second).toBeUndefined();
    expect(await snapshot()).toBe(before);
  });

  it("refuses a message of another channel of the same server", async () => {
    const res = await call<ServerView>(`/api/channels?serverId=${server.id}`, { method: "POST", token: owner.token, body: { name: "side", type: "TEXT" } });
    const side = res.body.channels.find((c) => c.name === "side")!;
    const there = await seedMessage(grace, channelQuery(server, side.id), "in side");
    expect((await post(grace, query, { content: "answer", replyToId: there.id })).status).toBe(400);
  });
});

describe("mentions", () => {
  it("lists current members once each, in order of first appearance", async () => {
    const g = memberOf(server, grace).id, a = memberOf(server, alan).id;
    const stranger = memberOf(other, outsider).id;
    const res = await post(owner, query, { content: `<@${a}> and <@${g}>, again <@${a}>; not <@${stranger}> nor <@nobody>` });
    expect(res.status).toBe(201);
    expect(res.body.mentions).toEqual([a, g]);
    expect(res.body.content).toContain(`<@${stranger}>`);
    expect(res.body.mentionEveryone).toBe(false);
  });

  it("counts @everyone from an ADMIN or MODERATOR only, and an edit recomputes both", async () => {
    const guest = await post(grace, query, { content: "hey @everyone" });
    expect(guest.body.mentionEveryone).toBe(false);
    const admin = await post(owner, query, { content: "hey @everyone" });
    expect(admin.body.mentionEveryone).toBe(true);
    expect((await post(owner, query, { content: "mail me at someone@everyone.test" })).body.mentionEveryone).toBe(false);

    const a = memberOf(server, alan).id;
    const edited = await call<Message>(`/api/socket/messages/${admin.body.id}?${query}`, { method: "PATCH", token: owner.token, body: { content: `only <@${a}>` } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ mentionEveryone: false, mentions: [a] });
  });

  it("does not list a former member", async () => {
    const leaver = await signUp("Leaver");
    const view = await join(leaver, server);
    const id = memberOf(view, leaver).id;
    expect((await call(`/api/servers/${server.id}/leave`, { method: "PATCH", token: leaver.token })).status).toBe(200);
    expect((await post(owner, query, { content: `<@${id}> are you there?` })).body.mentions).toEqual([]);
  });

  it("in a direct message: the conversation's two members only, never @everyone", async () => {
    const g = memberOf(server, grace).id, a = memberOf(server, alan).id;
    const conversation = (await call<Conversation>("/api/conversations", { method: "POST", token: owner.token, body: { serverId: server.id, memberId: g } })).body;
    const res = await call<Message>(`/api/socket/direct-messages?conversationId=${conversation.id}`, {
      method: "POST", token: owner.token, body: { content: `<@${g}> <@${a}> @everyone` },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ mentions: [g], mentionEveryone: false });
  });
});

describe("the edited mark", () => {
  it("moves updatedAt only when the content really changed", async () => {
    const query = await freshChannel();
    const m = await seedMessage(grace, query, "same words");
    expect(m.updatedAt).toBe(m.createdAt);
    const same = await call<Message>(`/api/socket/messages/${m.id}?${query}`, { method: "PATCH", token: grace.token, body: { content: "  same words " } });
    expect(same.status).toBe(200);
    expect(same.body.updatedAt).toBe(m.createdAt);
    const changed = await call<Message>(`/api/socket/messages/${m.id}?${query}`, { method: "PATCH", token: grace.token, body: { content: "other words" } });
    expect(changed.body.updatedAt > m.createdAt).toBe(true);
    // a reaction is no edit
    const reacted = await react(alan, query, m.id, "👍");
    expect(reacted.body.updatedAt).toBe(changed.body.updatedAt);
  });
});

describe("reactions", () => {
  it("adds once, counts people, shows `me` as the caller sees it, and removes", async () => {
    const query = await freshChannel();
    const m = await seedMessage(grace, query, "react to me");
    const first = await react(alan, query, m.id, "👍");
    expect(first.status).toBe(200);
    expect(first.body.reactions).toEqual([{ emoji: "👍", count: 1, me: true }]);
    expect(first.body.version).toBeGreaterThan(m.version);

    const again = await react(alan, query, m.id, "👍");
    expect(again.body.reactions).toEqual([{ emoji: "👍", count: 1, me: true }]);
    expect(again.body.version).toBe(first.body.version);

    const second = await react(grace, query, m.id, "👍");
    expect(second.body.reactions).toEqual([{ emoji: "👍", count: 2, me: true }]);
    const third = await react(grace, query, m.id, "🎉");
    expect(third.body.reactions).toEqual([{ emoji: "👍", count: 2, me: true }, { emoji: "🎉", count: 1, me: true }]);

    // as others see it, in history
    const page = await call<Page<Message>>(`/api/messages?${query}&limit=3`, { token: owner.token });
    expect(page.body.items.find((x) => x.id === m.id)!.reactions).toEqual([{ emoji: "👍", count: 2, me: false }, { emoji: "🎉", count: 1, me: false }]);

    const removed = await react(alan, query, m.id, "👍", "DELETE");
    expect(removed.body.reactions).toEqual([{ emoji: "👍", count: 1, me: false }, { emoji: "🎉", count: 1, me: false }]);
    const absent = await react(alan, query, m.id, "👍", "DELETE");
    expect(absent.status).toBe(200);
    expect(absent.body.version).toBe(removed.body.version);
  });

  it("keeps one spelling of an emoji, so 👍 with and without a needless variation selector is one reaction", async () => {
    const query = await freshChannel();
    const m = await seedMessage(grace, query, "one thumb");
    await react(alan, query, m.id, "👍\uFE0F");
    const res = await react(grace, query, m.id, "👍");
    expect(res.body.reactions).toEqual([{ emoji: "👍", count: 2, me: true }]);
    expect((await react(alan, query, m.id, "👍", "DELETE")).body.reactions).toEqual([{ emoji: "👍", count: 1, me: false }]);
  });

  it("takes skin tones, ZWJ sequences and flags; refuses words, two emoji and long strings", async () => {
    const query = await freshChannel();
    const m = await seedMessage(grace, query, "emoji kinds");
    for (const emoji of ["👍🏽", "👩‍👩‍👧‍👦", "🏳️‍🌈", "🇫🇷", "❤️"]) expect((await react(alan, query, m.id, emoji)).status, emoji).toBe(200);
    const before = await snapshot();
    for (const emoji of ["thumbsup", ":+1:", "👍👍", "a", "👍 x", "%F0%9F", "x".repeat(70)]) {
      const res = await react(alan, query, m.id, emoji);
      expect(res.status, emoji).toBe(400);
      expect(res.body.error).toEqual(expect.any(String));
    }
    expect(await snapshot()).toBe(before);
  });

  it(`holds at most ${REACTIONS_PER_MESSAGE_MAX} different emoji`, async () => {
    const query = await freshChannel();
    const m = await seedMessage(grace, query, "so many");
    const emoji = Array.from({ length: REACTIONS_PER_MESSAGE_MAX + 1 }, (_, i) => String.fromCodePoint(0x1f600 + i));
    for (const e of emoji.slice(0, REACTIONS_PER_MESSAGE_MAX)) expect((await react(alan, query, m.id, e)).status).toBe(200);
    const before = await snapshot();
    const res = await react(grace, query, m.id, emoji[REACTIONS_PER_MESSAGE_MAX]);
    expect(res.status).toBe(400);
    expect(res.body.error).toContain(String(REACTIONS_PER_MESSAGE_MAX));
    expect(await snapshot()).toBe(before);
    // an emoji already there still takes more people
    expect((await react(grace, query, m.id, emoji[0])).body.reactions[0]).toEqual({ emoji: emoji[0], count: 2, me: true });
  });

  it("races: two people at once count 2, one person twice at once counts 1", async () => {
    const query = await freshChannel();
    const m = await seedMessage(grace, query, "race");
    await Promise.all([react(alan, query, m.id, "🔥"), react(grace, query, m.id, "🔥")]);
    await Promise.all([react(owner, query, m.id, "🚀"), react(owner, query, m.id, "🚀"), react(owner, query, m.id, "🚀")]);
    const page = await call<Page<Message>>(`/api/messages?${query}&limit=1`, { token: owner.token });
    expect(page.body.items[0].reactions).toEqual([{ emoji: "🔥", count: 2, me: false }, { emoji: "🚀", count: 1, me: true }]);
  });

  it("unknown and deleted messages: 404; deleting a message clears its reactions; strangers see nothing", async () => {
    const query = await freshChannel();
    const m = await seedMessage(grace, query, "short-lived");
    await react(alan, query, m.id, "👍");
    expect((await react(alan, query, "01UNKNOWN", "👍")).status).toBe(404);
    expect((await react(outsider, query, m.id, "👍")).status).toBe(404);
    expect((await react(outsider, channelQuery(other), m.id, "👍")).status).toBe(404);
    const deleted = await call<Message>(`/api/socket/messages/${m.id}?${query}`, { method: "DELETE", token: grace.token });
    expect(deleted.body.reactions).toEqual([]);
    expect((await react(alan, query, m.id, "👍")).status).toBe(404);
    expect((await react(alan, query, m.id, "👍", "DELETE")).status).toBe(404);
    const rows = await call<Page<Message>>(`/api/messages?${query}&limit=1`, { token: owner.token });
    expect(rows.body.items[0]).toMatchObject({ id: m.id, deleted: true, reactions: [] });
  });

  it("raises the version, so catch-up brings the change, and the room tells everyone", async () => {
    const query = await freshChannel();
    const m = await seedMessage(grace, query, "watched");
    const channelId = new URLSearchParams(query).get("channelId")!;
    const room = await openRoomOf(owner, channelId);
    try {
      const added = await react(alan, query, m.id, "👀");
      const frame = await room.next((e) => e.key === reactionsKey(channelId));
      const a = memberOf(server, alan).id;
      expect(frame.data as unknown as ReactionEvent).toEqual({ messageId: m.id, emoji: "👀", memberId: a, added: true, count: 1, version: added.body.version });

      const caught = await call<Page<Message>>(`/api/messages?${query}&after=${m.version}`, { token: owner.token });
      expect(caught.body.items.map((x) => [x.id, x.version])).toContainEqual([m.id, added.body.version]);

      const removed = await react(alan, query, m.id, "👀", "DELETE");
      const gone = await room.next((e) => e.key === reactionsKey(channelId) && !(e.data as unknown as ReactionEvent).added);
      expect(gone.data as unknown as ReactionEvent).toMatchObject({ count: 0, version: removed.body.version });
      // an edit's frame shows nobody's reaction as `me`
      await react(grace, query, m.id, "✅");
      await call(`/api/socket/messages/${m.id}?${query}`, { method: "PATCH", token: grace.token, body: { content: "watched, edited" } });
      const update = await room.next((e) => e.key === `chat:${channelId}:messages:update` && (e.data as Message).content === "watched, edited");
      expect((update.data as Message).reactions).toEqual([{ emoji: "✅", count: 1, me: false }]);
    } finally {
      room.close();
    }
  });

  it("work in direct messages, for the two members only", async () => {
    const g = memberOf(server, grace).id;
    const conversation = (await call<Conversation>("/api/conversations", { method: "POST", token: alan.token, body: { serverId: server.id, memberId: g } })).body;
    const dm = (await call<Message>(`/api/socket/direct-messages?conversationId=${conversation.id}`, { method: "POST", token: alan.token, body: { content: "psst" } })).body;
    const path = (emoji: string) => `/api/socket/direct-messages/${dm.id}/reactions/${encodeURIComponent(emoji)}?conversationId=${conversation.id}`;
    const res = await call<Message>(path("😀"), { method: "PUT", token: grace.token });
    expect(res.status).toBe(200);
    expect(res.body.reactions).toEqual([{ emoji: "😀", count: 1, me: true }]);
    expect((await call(path("😀"), { method: "PUT", token: owner.token })).status).toBe(404);
    const mine = await call<Message>(path("😀"), { method: "DELETE", token: grace.token });
    expect(mine.body.reactions).toEqual([]);
  });
});
