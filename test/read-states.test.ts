// Read states through the API against the real worker and sqld: one per TEXT channel of the caller's current
// servers and per conversation they are in; a mark that never moves back and must name a message of its room;
// posting marks read; unread and mention counts (`<@memberId>`, `@everyone`) over what others wrote after the mark,
// deleted messages left out; former members' rooms absent; a hundred channels in one call.
import { beforeAll, describe, expect, it } from "vitest";
import type { Conversation, Message, ReadState, ServerView } from "../contract";
import { addChannel, call, channelQuery, createServer, dm, join, memberOf, postMessage, seedMessage, signUp, sql } from "./helpers";
import type { Person } from "./helpers";

let ann: Person, bob: Person;
let server: ServerView;
let general: string;
let news: string;
let q: string;

beforeAll(async () => {
  [ann, bob] = await Promise.all([signUp("Ann"), signUp("Bob")]);
  server = await createServer(ann, "Reading");
  server = await join(bob, server);
  general = server.channels[0].id;
  q = channelQuery(server);
});

const states = async (p: Person) => {
  const res = await call<ReadState[]>("/api/read-states", { token: p.token });
  expect(res.status).toBe(200);
  return res.body;
};
const stateOf = async (p: Person, roomId: string) => (await states(p)).find((s) => s.roomId === roomId);
const mark = (p: Person, roomId: string, messageId: unknown) => call<ReadState>(`/api/read-states/${roomId}`, { method: "PUT", token: p.token, body: { messageId } });
const readRows = async () => JSON.stringify((await sql.execute("SELECT * FROM read_states ORDER BY profile_id, room_id")).rows);

describe("read states", () => {
  it("lists every text channel of the caller's servers, unread or not, and no AUDIO or VIDEO channel", async () => {
    news = (await addChannel(ann, server.id, "news")).id;
    await addChannel(ann, server.id, "lounge", "AUDIO");
    const mine = await states(bob);
    expect(mine.filter((s) => s.serverId === server.id).map((s) => s.roomId).sort()).toEqual([general, news].sort());
    expect(mine.find((s) => s.roomId === news)).toEqual({ roomId: news, serverId: server.id, lastReadMessageId: null, unread: false, mentions: 0, unreadCount: 0 });
  });

  it("marks read up to a message and never moves back", async () => {
    const m1 = await seedMessage(ann, q, "one");
    const m2 = await seedMessage(ann, q, "two");
    expect(await stateOf(bob, general)).toMatchObject({ lastReadMessageId: null, unread: true, mentions: 0 });
    const first = await mark(bob, general, m1.id);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ roomId: general, serverId: server.id, lastReadMessageId: m1.id, unread: true, mentions: 0, unreadCount: 1 });
    expect((await mark(bob, general, m2.id)).body).toMatchObject({ lastReadMessageId: m2.id, unread: false });
    // an older message keeps the later mark
    const back = await mark(bob, general, m1.id);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ lastReadMessageId: m2.id, unread: false });
    expect(await stateOf(bob, general)).toMatchObject({ lastReadMessageId: m2.id, unread: false });
  });

  it("marks the poster's room read up to their own message", async () => {
    await seedMessage(ann, q, "for Bob to read");
    expect(await stateOf(bob, general)).toMatchObject({ unread: true });
    const own = await seedMessage(bob, q, "read it, answering");
    expect(await stateOf(bob, general)).toMatchObject({ lastReadMessageId: own.id, unread: false });
    // and what Bob wrote is nothing unread for him, but is for Ann
    expect(await stateOf(ann, general)).toMatchObject({ unread: true });
  });

  it("refuses a message of another room (400), another's room (404) and bad input (400), and changes nothing", async () => {
    const other = await createServer(ann, "Elsewhere");
    const elsewhere = await seedMessage(ann, channelQuery(other), "not in general");
    const inGeneral = await seedMessage(ann, q, "in general");
    const before = await readRows();
    const refusals: [Promise<{ status: number; body: unknown }>, number][] = [
      [mark(bob, general, elsewhere.id), 400],
      [mark(bob, news, inGeneral.id), 400],
      [mark(bob, general, "no-such-message"), 400],
      [mark(bob, other.channels[0].id, elsewhere.id), 404],
      [mark(bob, "no-such-room", inGeneral.id), 404],
      [mark(bob, general, undefined), 400],
      [mark(bob, general, 42), 400],
      [mark(bob, general, ""), 400],
      [mark(bob, general, "x".repeat(65)), 400],
      [call(`/api/read-states/${general}`, { method: "PUT", token: bob.token, raw: "{not json", headers: { "content-type": "application/json" } }), 400],
      [call(`/api/read-states/${general}`, { method: "PUT", token: bob.token, body: [] }), 400],
      [call(`/api/read-states/${general}`, { method: "PUT", body: { messageId: inGeneral.id } }), 401],
      [call(`/api/read-states/${general}`, { method: "PUT", token: "nonsense", body: { messageId: inGeneral.id } }), 401],
      [call(`/api/read-states/${general}`, { method: "PUT", token: "nonsense", body: {} }), 401],
    ];
    for (const [res, status] of refusals) {
      const { status: got, body } = await res;
      expect(got).toBe(status);
      expect(body).toEqual({ error: expect.any(String) });
    }
    expect((await call("/api/read-states")).status).toBe(401);
    expect((await call("/api/read-states", { method: "DELETE", token: bob.token })).status).toBe(405);
    expect(await readRows()).toBe(before);
  });

  it("counts mentions of the caller and @everyone among the unread, at most 100, and leaves deleted messages out", async () => {
    const place = await createServer(ann, "Mentions");
    const view = await join(bob, place);
    const pq = channelQuery(view);
    const channel = view.channels[0].id;
    const bobMember = memberOf(view, bob).id;
    const annMember = memberOf(view, ann).id;
    // Bob naming himself is nothing unread for him (and his post marks the room read up to it)
    const own = await seedMessage(bob, pq, `<@${bobMember}> me`);
    expect(await stateOf(bob, channel)).toMatchObject({ lastReadMessageId: own.id, unread: false, mentions: 0 });
    await seedMessage(ann, pq, `<@${bobMember}> hi`);
    await seedMessage(ann, pq, `@everyone listen`);
    await seedMessage(ann, pq, `<@${annMember}> talking to myself`);
    const doomed = await seedMessage(ann, pq, `<@${bobMember}> <@${bobMember}> twice, once counted`);
    expect(await stateOf(bob, channel)).toMatchObject({ lastReadMessageId: own.id, unread: true, mentions: 3, unreadCount: 4 });
    expect(await stateOf(ann, channel)).toMatchObject({ mentions: 0 });
    expect((await call(`/api/socket/messages/${doomed.id}?${pq}`, { method: "DELETE", token: ann.token })).status).toBe(200);
    expect(await stateOf(bob, channel)).toMatchObject({ unread: true, mentions: 2 });
  });

  it("counts mentions after the mark only, and says unread only for messages not deleted", async () => {
    const place = await createServer(ann, "After the mark");
    const view = await join(bob, place);
    const pq = channelQuery(view);
    const channel = view.channels[0].id;
    const before = await seedMessage(ann, pq, `<@${memberOf(view, bob).id}> early`);
    const seen = await seedMessage(ann, pq, "seen");
    expect((await mark(bob, channel, seen.id)).body).toMatchObject({ unread: false, mentions: 0 });
    expect(before.id).not.toBe(seen.id);
    const late = await seedMessage(ann, pq, "@everyone late");
    expect(await stateOf(bob, channel)).toMatchObject({ unread: true, mentions: 1 });
    await call(`/api/socket/messages/${late.id}?${pq}`, { method: "DELETE", token: ann.token });
    expect(await stateOf(bob, channel)).toMatchObject({ lastReadMessageId: seen.id, unread: false, mentions: 0 });
  });

  it("caps the mention count at 100", async () => {
    const place = await createServer(ann, "Loud");
    const view = await join(bob, place);
    const channel = view.channels[0].id;
    const annMember = memberOf(view, ann).id;
    // past the message rate limit: rows as the post route writes them
    const rows = Array.from({ length: 101 }, (_, i) => ({
      sql: `INSERT INTO messages (id, content, channel_id, member_id, mentions, mention_everyone, created_at, updated_at) VALUES (?, ?, ?, ?, '[]', 1, ?, ?)`,
      args: [`loud-${place.id}-${i}`, `@everyone ${i}`, channel, annMember, new Date().toISOString(), new Date().toISOString()],
    }));
    await sql.batch(rows, "write");
    expect(await stateOf(bob, channel)).toMatchObject({ unread: true, mentions: 100, unreadCount: 100 });
  });

  it("covers the caller's conversations, with serverId null, the other member, and mentions by member id", async () => {
    const conversation = (await call<Conversation>("/api/conversations", { method: "POST", token: ann.token, body: { serverId: server.id, memberId: memberOf(server, bob).id } })).body;
    const withAnn = { serverId: server.id, memberId: memberOf(server, ann).id };
    expect(await stateOf(bob, conversation.id)).toEqual({ roomId: conversation.id, serverId: null, lastReadMessageId: null, unread: false, mentions: 0, unreadCount: 0, peer: withAnn });
    expect(await stateOf(ann, conversation.id)).toMatchObject({ peer: { serverId: server.id, memberId: memberOf(server, bob).id } });
    const sent = (await dm(ann, conversation, `<@${memberOf(server, bob).id}> a word`)).body;
    expect(await stateOf(bob, conversation.id)).toMatchObject({ unread: true, mentions: 1, unreadCount: 1 });
    expect(await stateOf(ann, conversation.id)).toMatchObject({ lastReadMessageId: sent.id, unread: false, mentions: 0 });
    const marked = await mark(bob, conversation.id, sent.id);
    expect(marked.body).toEqual({ roomId: conversation.id, serverId: null, lastReadMessageId: sent.id, unread: false, mentions: 0, unreadCount: 0, peer: withAnn });
    // a channel message is not of the conversation, nor the other way round
    const inGeneral = await seedMessage(ann, q, "general, not the conversation");
    expect((await mark(bob, conversation.id, inGeneral.id)).status).toBe(400);
    expect((await mark(bob, general, sent.id)).status).toBe(400);
    // a stranger cannot mark it
    const stranger = await signUp("Stranger");
    expect((await mark(stranger, conversation.id, sent.id)).status).toBe(404);
  });

  it("leaves out the rooms of a server the caller left, and the conversations of that membership", async () => {
    const carl = await signUp("Carl");
    const view = await join(carl, server);
    const conversation = (await call<Conversation>("/api/conversations", { method: "POST", token: ann.token, body: { serverId: server.id, memberId: memberOf(view, carl).id } })).body;
    const said = (await dm(ann, conversation, "hello Carl")).body;
    const carlsRooms = (await states(carl)).map((s) => s.roomId);
    expect(carlsRooms).toEqual(expect.arrayContaining([general, conversation.id]));
    expect((await call(`/api/servers/${server.id}/leave`, { method: "PATCH", token: carl.token })).status).toBe(200);
    expect(await states(carl)).toEqual([]);
    expect((await mark(carl, general, said.id)).status).toBe(404);
    expect((await mark(carl, conversation.id, said.id)).status).toBe(404);
    // Ann still reads the conversation with her former member
    expect(await stateOf(ann, conversation.id)).toMatchObject({ roomId: conversation.id, unread: false });
  });

  it("answers for a hundred channels in one call", async () => {
    const owner = await signUp("Owner of many");
    const reader = await signUp("Reader of many");
    let big = await createServer(owner, "Hundred");
    for (let i = 1; i < 100; i += 11) await Promise.all(Array.from({ length: Math.min(11, 100 - i) }, (_, k) => addChannel(owner, big.id, `channel-${i + k}`)));
    big = await join(reader, big);
    expect(big.channels.filter((c) => c.type === "TEXT")).toHaveLength(100);
    const last = big.channels.find((c) => c.name === "channel-99")!;
    const posted = await postMessage(owner, channelQuery(big, last.id), `<@${memberOf(big, reader).id}> the hundredth`);
    expect(posted.status).toBe(201);
    const mine = (await states(reader)).filter((s) => s.serverId === big.id);
    expect(mine).toHaveLength(100);
    expect(mine.filter((s) => s.unread)).toEqual([{ roomId: last.id, serverId: big.id, lastReadMessageId: null, unread: true, mentions: 1, unreadCount: 1 }]);
  });
});
