// Message search (GET /api/search) and history pages around a message (around=, since=), against the real worker
// and sqld: what matches, who sees what, filters, pages, and input that must be refused without changing anything.
import { beforeAll, describe, expect, it } from "vitest";
import type { Channel, Conversation, HistoryPage, Message, Page, SearchPage, ServerView } from "../contract";
import { addChannel, call, createServer, general, join, memberOf, signUp, snapshot, sql, upload } from "./helpers";
import type { Person } from "./helpers";

type Answer<T> = { status: number; body: T & { error?: string }; headers: Headers };

const search = (who: Person | undefined, query: string) => call<SearchPage>(`/api/search?${query}`, { token: who?.token }) as Promise<Answer<SearchPage>>;
const history = (who: Person, room: string, query: string) => call<HistoryPage>(`/api/messages?channelId=${room}&${query}`, { token: who.token }) as Promise<Answer<HistoryPage>>;
const q = (text: string) => `q=${encodeURIComponent(text)}`;
const contents = (page: Page<Message>) => page.items.map((m) => m.content);

/** Posts through the API as a client does; past the message rate limit (5 per 5 s in a room) it waits and retries. */
async function say(who: Person, view: ServerView, channel: Channel, content: string, fileUrl?: string): Promise<Message> {
  for (;;) {
    const res = await call<Message & { retryAfter?: number }>(`/api/socket/messages?serverId=${view.id}&channelId=${channel.id}`, { method: "POST", token: who.token, body: { content, fileUrl } });
    if (res.status === 201) return res.body;
    if (res.status !== 429) throw new Error(`post failed: ${res.status} ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, (res.body.retryAfter ?? 1) * 1000));
  }
}

/**
 * Many messages at once, straight into the database, for tests about reading them rather than posting (the
 * database's triggers still give them versions and index them); answers their ids, oldest first.
 */
async function insertMessages(table: "messages" | "direct_messages", room: string, memberId: string, texts: string[]): Promise<string[]> {
  const ids = texts.map(() => crypto.randomUUID());
  const column = table === "messages" ? "channel_id" : "conversation_id";
  await sql.batch(
    texts.map((content, i) => ({
      sql: `INSERT INTO ${table} (id, content, ${column}, member_id, created_at, updated_at)
            VALUES (?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
      args: [ids[i], content, room, memberId],
    })),
    "write",
  );
  return ids;
}

let ann: Person, bob: Person, cat: Person, outsider: Person;
let server: ServerView, elsewhere: ServerView;
let generalChannel: Channel, random: Channel, lounge: Channel, foreign: Channel;
let scope: string;

beforeAll(async () => {
  [ann, bob, cat, outsider] = await Promise.all([signUp("Ann"), signUp("Bob"), signUp("Cat"), signUp("Outsider")]);
  server = await createServer(ann, "Search");
  await join(bob, server);
  server = await join(cat, server);
  generalChannel = general(server);
  random = await addChannel(ann, server.id, "random");
  lounge = await addChannel(ann, server.id, "lounge", "AUDIO");
  elsewhere = await createServer(outsider, "Elsewhere");
  foreign = general(elsewhere);
  scope = `serverId=${server.id}`;
});

describe("what matches", () => {
  let cafe: Message, meeting: Message, decaf: Message, closed: Message;
  beforeAll(async () => {
    cafe = await say(bob, server, generalChannel, "Café au lait at the Crème Brûlée place");
    meeting = await say(ann, server, generalChannel, "CAFE meeting tomorrow");
    decaf = await say(cat, server, generalChannel, "decaffeinated only, please");
    closed = await say(bob, server, random, "the café is closed today");
  });

  it("matches every word as the start of a word, newest first, ignoring case and accents both ways", async () => {
    const caf = await search(bob, `${scope}&${q("caf")}`);
    expect(caf.status).toBe(200);
    expect(caf.body.items.map((m) => m.id)).toEqual([closed.id, meeting.id, cafe.id]); // not "decaffeinated"
    expect(caf.body.nextCursor).toBeNull();
    // é in the text, e in the query, and the other way round; any case
    expect(contents((await search(bob, `${scope}&${q("creme")}`)).body)).toEqual([cafe.content]);
    expect((await search(bob, `${scope}&${q("café")}`)).body.items.map((m) => m.id)).toEqual([closed.id, meeting.id, cafe.id]);
    expect((await search(bob, `${scope}&${q("cAfÉ MEET")}`)).body.items.map((m) => m.id)).toEqual([meeting.id]);
    expect((await search(bob, `${scope}&${q("CRÈME brul")}`)).body.items.map((m) => m.id)).toEqual([cafe.id]);
    expect((await search(bob, `${scope}&${q("decaf")}`)).body.items.map((m) => m.id)).toEqual([decaf.id]);
    // every word must match
    expect((await search(bob, `${scope}&${q("cafe zzzz")}`)).body.items).toEqual([]);
    expect((await search(bob, `${scope}&${q("afe")}`)).body.items).toEqual([]);
  });

  it("answers Page<Message> with the same messages as history, and the searched words to highlight", async () => {
    const res = await search(ann, `${scope}&${q("  Café   BRÛ café ")}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(["items", "nextCursor", "terms"]);
    expect(res.body.terms).toEqual(["cafe", "bru"]);
    const [found] = res.body.items;
    const inHistory = (await history(ann, generalChannel.id, "limit=10")).body.items.find((m) => m.id === cafe.id);
    expect(found).toEqual(inHistory);
    expect(found).toMatchObject({ channelId: generalChannel.id, memberId: memberOf(server, bob).id, deleted: false });
    expect(found.member.profile).toEqual({ id: bob.profile.id, name: "Bob", imageUrl: null });
    expect(JSON.stringify(res.body)).not.toContain(bob.email);
  });

  it("finds an edit by its new text only, and never a deleted message", async () => {
    const edited = await say(cat, server, random, "original wombat words");
    const gone = await say(cat, server, random, "wombat farewell");
    expect((await search(ann, `${scope}&${q("wombat")}`)).body.items.map((m) => m.id)).toEqual([gone.id, edited.id]);

    const patch = await call<Message>(`/api/socket/messages/${edited.id}?serverId=${server.id}&channelId=${random.id}`, { method: "PATCH", token: cat.token, body: { content: "rewritten platypus words" } });
    expect(patch.status).toBe(200);
    const del = await call<Message>(`/api/socket/messages/${gone.id}?serverId=${server.id}&channelId=${random.id}`, { method: "DELETE", token: ann.token });
    expect(del.status).toBe(200);

    expect((await search(ann, `${scope}&${q("wombat")}`)).body.items).toEqual([]);
    expect((await search(ann, `${scope}&${q("original")}`)).body.items).toEqual([]);
    expect((await search(ann, `${scope}&${q("farewell")}`)).body.items).toEqual([]);
    const platypus = await search(ann, `${scope}&${q("platyp")}`);
    expect(platypus.body.items.map((m) => [m.id, m.content])).toEqual([[edited.id, "rewritten platypus words"]]);
    // the deleted text is gone from the index: "deleted" (its replacement text) finds nothing either
    expect((await search(ann, `${scope}&${q("deleted")}`)).body.items).toEqual([]);
  });
});

describe("who sees what", () => {
  let foreignMessage: Message;
  beforeAll(async () => {
    foreignMessage = await say(outsider, elsewhere, foreign, "narwhal sighting elsewhere");
    await say(bob, server, generalChannel, "narwhal sighting here");
  });

  it("never shows a channel of another server, and refuses a server the caller is not in", async () => {
    const mine = await search(bob, `${scope}&${q("narwhal")}`);
    expect(mine.body.items.map((m) => m.content)).toEqual(["narwhal sighting here"]);
    expect((await search(outsider, `serverId=${elsewhere.id}&${q("narwhal")}`)).body.items.map((m) => m.id)).toEqual([foreignMessage.id]);
    // another server's channel named as a filter: 404, not its messages, whoever asks
    const named = await search(bob, `${scope}&channelId=${foreign.id}&${q("narwhal")}`);
    expect(named.status).toBe(404);
    expect(named.body).toEqual({ error: "Channel not found" });
    expect((await search(outsider, `${scope}&channelId=${foreign.id}&${q("narwhal")}`)).status).toBe(404);
    const notIn = await search(bob, `serverId=${elsewhere.id}&${q("narwhal")}`);
    expect(notIn.status).toBe(404);
    expect(notIn.body.error).toBe("Server not found");
    expect((await search(bob, `serverId=nope&${q("narwhal")}`)).status).toBe(404);
    expect((await search(undefined, `${scope}&${q("narwhal")}`)).status).toBe(401);
    expect((await call(`/api/search?${scope}&${q("narwhal")}`, { method: "POST", token: bob.token, body: {} })).status).toBe(405);
  });

  it("searches text channels only: a channel turned into a voice channel no longer shows", async () => {
    const notes = await addChannel(ann, server.id, "notes");
    await say(ann, server, notes, "okapi notes");
    expect((await search(cat, `${scope}&${q("okapi")}`)).body.items).toHaveLength(1);
    const retyped = await call(`/api/channels/${notes.id}?serverId=${server.id}`, { method: "PATCH", token: ann.token, body: { type: "AUDIO" } });
    expect(retyped.status).toBe(200);
    expect((await search(cat, `${scope}&${q("okapi")}`)).body.items).toEqual([]);
    expect((await search(cat, `${scope}&channelId=${notes.id}&${q("okapi")}`)).status).toBe(404);
    expect((await search(cat, `${scope}&channelId=${lounge.id}&${q("okapi")}`)).status).toBe(404);
  });

  it("refuses a former member: 404, as for a server they were never in", async () => {
    const leaver = await signUp("Leaver");
    const view = await join(leaver, server);
    await say(leaver, view, generalChannel, "quokka farewell party");
    expect((await search(leaver, `${scope}&${q("quokka")}`)).body.items).toHaveLength(1);
    expect((await call(`/api/servers/${server.id}/leave`, { method: "PATCH", token: leaver.token })).status).toBe(200);
    expect((await search(leaver, `${scope}&${q("quokka")}`)).status).toBe(404);
    // their message stays, found by the members, with its author marked as former
    const found = await search(ann, `${scope}&${q("quokka")}`);
    expect(found.body.items.map((m) => m.member.left)).toEqual([true]);
  });
});

describe("direct messages", () => {
  let dee: Person, eve: Person, conversation: Conversation, dm: string;
  beforeAll(async () => {
    [dee, eve] = await Promise.all([signUp("Dee"), signUp("Eve")]);
    await join(dee, server);
    server = await join(eve, server);
    const res = await call<Conversation>("/api/conversations", { method: "POST", token: dee.token, body: { serverId: server.id, memberId: memberOf(server, eve).id } });
    conversation = res.body;
    dm = `conversationId=${conversation.id}`;
    for (const [who, content] of [[dee, "secret pangolin plan"], [eve, "Pangolín agreed"], [dee, "unrelated"]] as const) {
      const sent = await call(`/api/socket/direct-messages?${dm}`, { method: "POST", token: who.token, body: { content } });
      expect(sent.status).toBe(201);
    }
  });

  it("lets the two members search their conversation, with the same rules", async () => {
    const res = await search(dee, `${dm}&${q("pangolin")}`);
    expect(res.status).toBe(200);
    expect(contents(res.body)).toEqual(["Pangolín agreed", "secret pangolin plan"]);
    expect(res.body.items[0]).toMatchObject({ conversationId: conversation.id });
    expect(res.body.items[0]).not.toHaveProperty("channelId");
    expect(contents((await search(eve, `${dm}&${q("PANGO plan")}`)).body)).toEqual(["secret pangolin plan"]);
    expect(contents((await search(eve, `${dm}&memberId=${memberOf(server, eve).id}&${q("pangolin")}`)).body)).toEqual(["Pangolín agreed"]);
    // a server search does not reach into conversations
    expect((await search(dee, `${scope}&${q("pangolin")}`)).body.items).toEqual([]);
  });

  it("answers 404 to anyone else, and to a member who left the server", async () => {
    for (const who of [ann, outsider]) {
      const res = await search(who, `${dm}&${q("pangolin")}`);
      expect(res.status).toBe(404);
      expect(res.body.error).toBe("Conversation not found");
    }
    expect((await search(dee, `conversationId=nope&${q("pangolin")}`)).status).toBe(404);
    expect((await search(dee, `${dm}&memberId=${memberOf(server, ann).id}&${q("pangolin")}`)).status).toBe(404);
    expect((await call(`/api/servers/${server.id}/leave`, { method: "PATCH", token: eve.token })).status).toBe(200);
    expect((await search(eve, `${dm}&${q("pangolin")}`)).status).toBe(404);
    // the member who stayed still reads, and searches, the conversation
    expect(contents((await search(dee, `${dm}&${q("pangolin")}`)).body)).toHaveLength(2);
  });
});

describe("filters", () => {
  let withFile: Message, withoutFile: Message, inRandom: Message, byAnn: Message;
  beforeAll(async () => {
    const url = await upload(bob);
    withFile = await say(bob, server, generalChannel, "kitten photo", url);
    withoutFile = await say(bob, server, generalChannel, "kitten story");
    inRandom = await say(bob, server, random, "kitten in random");
    byAnn = await say(ann, server, generalChannel, "kitten by ann");
  });

  it("narrows to one text channel of the server", async () => {
    const res = await search(cat, `${scope}&channelId=${random.id}&${q("kitten")}`);
    expect(res.body.items.map((m) => m.id)).toEqual([inRandom.id]);
    expect((await search(cat, `${scope}&channelId=${generalChannel.id}&${q("kitten")}`)).body.items.map((m) => m.id)).toEqual([byAnn.id, withoutFile.id, withFile.id]);
    const unknown = await search(cat, `${scope}&channelId=nope&${q("kitten")}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe("Channel not found");
  });

  it("narrows to one author, a member of that server", async () => {
    const bobs = await search(cat, `${scope}&memberId=${memberOf(server, bob).id}&${q("kitten")}`);
    expect(bobs.body.items.map((m) => m.id)).toEqual([inRandom.id, withoutFile.id, withFile.id]);
    expect((await search(cat, `${scope}&memberId=${memberOf(server, ann).id}&${q("kitten")}`)).body.items.map((m) => m.id)).toEqual([byAnn.id]);
    const stranger = await search(cat, `${scope}&memberId=${elsewhere.members[0].id}&${q("kitten")}`);
    expect(stranger.status).toBe(404);
    expect(stranger.body.error).toBe("Member not found");
  });

  it("narrows to messages with a file, and combines the filters", async () => {
    const files = await search(cat, `${scope}&has=file&${q("kitten")}`);
    expect(files.body.items.map((m) => m.id)).toEqual([withFile.id]);
    expect(files.body.items[0].fileUrl).toBe(withFile.fileUrl);
    expect((await search(cat, `${scope}&has=file&channelId=${random.id}&${q("kitten")}`)).body.items).toEqual([]);
    expect((await search(cat, `${scope}&has=file&channelId=${generalChannel.id}&memberId=${memberOf(server, bob).id}&${q("kit")}`)).body.items.map((m) => m.id)).toEqual([withFile.id]);
  });
});

describe("pages", () => {
  let paging: Channel;
  let ids: string[];
  beforeAll(async () => {
    paging = await addChannel(ann, server.id, "paging");
    // 110 matches over two channels and two authors, straight into the database
    const half = Array.from({ length: 55 }, (_, i) => `capybara number ${i}`);
    const first = await insertMessages("messages", paging.id, memberOf(server, bob).id, half);
    const second = await insertMessages("messages", random.id, memberOf(server, cat).id, half.map((t) => `${t} again`));
    ids = [...first, ...second].reverse(); // newest first
  });

  it("walks every match once, newest first, with no duplicates and no gaps", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: Answer<SearchPage> = await search(bob, `${scope}&${q("capyb")}&limit=7${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(7);
      seen.push(...res.body.items.map((m) => m.id));
      cursor = res.body.nextCursor;
      pages++;
      // a message posted meanwhile is newer than every cursor: it never shows up in a later page
      if (pages === 2) await say(ann, server, paging, "capybara latecomer");
    } while (cursor);
    expect(pages).toBe(Math.ceil(110 / 7));
    expect(seen).toEqual(ids);
  });

  it("takes 25 by default and at most 100", async () => {
    const def = await search(bob, `${scope}&${q("capybara number")}`);
    expect(def.body.items).toHaveLength(25);
    expect(def.body.nextCursor).toBe(def.body.items[24].id);
    const capped = await search(bob, `${scope}&${q("capybara number")}&limit=500`);
    expect(capped.body.items).toHaveLength(100);
    const rest = await search(bob, `${scope}&${q("capybara number")}&limit=100&cursor=${capped.body.nextCursor}`);
    expect(rest.body.items.map((m) => m.id)).toEqual(ids.slice(100));
    expect(rest.body.nextCursor).toBeNull();
    const exact = await search(bob, `${scope}&${q("capybara again")}&limit=55`);
    expect(exact.body.items).toHaveLength(55);
    expect(exact.body.nextCursor).toBeNull();
  });
});

describe("bad input", () => {
  it("takes FTS syntax as plain words: never a 500", async () => {
    await say(cat, server, generalChannel, "android and NEAR misc: hyphen-ated \"quoted\" star*");
    const cases: [string, number][] = [
      ['"', 0], ["*", 0], ["-", 0], [":", 0], ["(", 0], [")", 0], ["^", 0], ["+", 0], ['"*"', 0], ["🙂", 0], ["\u0000", 0],
      ["AND", 1], ["and", 1], ["NEAR(", 1], ["NEAR(misc", 1], ["NEAR(and, android)", 0], ['"quot', 1], ["star*", 1], ["hyphen-ated", 1],
      ["misc:", 1], ["content:android", 0], ["andr OR zzz", 0], ["NOT zzz", 0], ["-android", 1], ["a\u0000ndroid", 0], ["'android'", 1],
    ];
    for (const [text, count] of cases) {
      const res = await search(cat, `${scope}&channelId=${generalChannel.id}&${q(text)}`);
      expect(res.status, JSON.stringify(text)).toBe(200);
      expect(res.body.items.length, JSON.stringify(text)).toBe(count);
    }
    // a query with no word left finds nothing, and has nothing to highlight
    expect((await search(cat, `${scope}&${q('" * -')}`)).body).toEqual({ items: [], nextCursor: null, terms: [] });
  });

  it("refuses what is not a search with 400, and a refusal changes nothing", async () => {
    const [anyMessage] = (await search(cat, `${scope}&${q("kitten")}`)).body.items;
    const foreignMessage = (await search(outsider, `serverId=${elsewhere.id}&${q("narwhal")}`)).body.items[0];
    const before = await snapshot();
    const bad = [
      `${scope}`, `${scope}&q=`, `${scope}&${q("   ")}`, `${scope}&${q("x".repeat(201))}`, `${scope}&q=a&q=b`,
      `${scope}&${q("kitten")}&limit=0`, `${scope}&${q("kitten")}&limit=-1`, `${scope}&${q("kitten")}&limit=abc`, `${scope}&${q("kitten")}&limit=1.5`,
      `${scope}&${q("kitten")}&cursor=forged`, `${scope}&${q("kitten")}&cursor=`, `${scope}&${q("kitten")}&cursor=${"c".repeat(65)}`,
      `${scope}&${q("kitten")}&cursor=${foreignMessage.id}`,
      `${q("kitten")}`, `${scope}&conversationId=x&${q("kitten")}`, `serverId=&${q("kitten")}`,
      `${scope}&has=image&${q("kitten")}`, `${scope}&has=&${q("kitten")}`, `${scope}&has=file&has=file&${q("kitten")}`,
      `conversationId=x&channelId=${generalChannel.id}&${q("kitten")}`,
    ];
    for (const query of bad) {
      const res = await search(cat, query);
      expect(res.status, query).toBe(400);
      expect(res.body.error, query).toEqual(expect.any(String));
      // without a session, the same request is a 401 first
      expect((await search(undefined, query)).status, query).toBe(401);
    }
    expect((await search(cat, `${scope}&${q("x".repeat(200))}`)).status).toBe(200);
    expect((await search(cat, `${scope}&${q("kitten")}&cursor=${anyMessage.id}`)).status).toBe(200);
    expect(await snapshot()).toBe(before);
  });
});

describe("history around a message", () => {
  let aroundChannel: Channel;
  let ids: string[]; // oldest first
  beforeAll(async () => {
    aroundChannel = await addChannel(ann, server.id, "around");
    ids = await insertMessages("messages", aroundChannel.id, memberOf(server, bob).id, Array.from({ length: 30 }, (_, i) => `m${i}`));
  });
  const newestFirst = (from: number, to: number) => ids.slice(from, to + 1).reverse();

  it("answers the message in the middle, with cursors to both sides", async () => {
    const res = await history(cat, aroundChannel.id, `around=${ids[15]}&limit=9`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(["items", "newerCursor", "nextCursor"]);
    expect(res.body.items.map((m) => m.id)).toEqual(newestFirst(11, 19));
    expect(res.body.items[4].id).toBe(ids[15]);
    expect(res.body.nextCursor).toBe(ids[11]);
    expect(res.body.newerCursor).toBe(ids[19]);
    // the default limit is history's, 10: four newer, the message, five older
    const def = await history(cat, aroundChannel.id, `around=${ids[15]}`);
    expect(def.body.items.map((m) => m.id)).toEqual(newestFirst(10, 19));
  });

  it("walks older with cursor= and newer with since= from there, with no gap and no duplicate", async () => {
    const start = await history(cat, aroundChannel.id, `around=${ids[15]}&limit=5`);
    const pages = [start.body.items.map((m) => m.id)];
    let older = start.body.nextCursor;
    while (older) {
      const res = await history(cat, aroundChannel.id, `cursor=${older}&limit=4`);
      expect(res.status).toBe(200);
      expect(res.body).not.toHaveProperty("newerCursor"); // cursor= pages are as they were
      pages.push(res.body.items.map((m) => m.id));
      older = res.body.nextCursor;
    }
    let newer = start.body.newerCursor;
    while (newer) {
      const res = await history(cat, aroundChannel.id, `since=${newer}&limit=4`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeGreaterThan(0);
      expect(res.body.nextCursor).toBe(res.body.items[res.body.items.length - 1].id);
      pages.unshift(res.body.items.map((m) => m.id));
      newer = res.body.newerCursor;
    }
    expect(pages.flat()).toEqual(newestFirst(0, 29));
  });

  it("fills the page from the other side at either end, and says when nothing is left", async () => {
    const newest = await history(cat, aroundChannel.id, `around=${ids[29]}&limit=6`);
    expect(newest.body.items.map((m) => m.id)).toEqual(newestFirst(24, 29));
    expect(newest.body.newerCursor).toBeNull();
    expect(newest.body.nextCursor).toBe(ids[24]);
    const oldest = await history(cat, aroundChannel.id, `around=${ids[0]}&limit=6`);
    expect(oldest.body.items.map((m) => m.id)).toEqual(newestFirst(0, 5));
    expect(oldest.body.nextCursor).toBeNull();
    expect(oldest.body.newerCursor).toBe(ids[5]);
    const one = await history(cat, aroundChannel.id, `around=${ids[7]}&limit=1`);
    expect(one.body).toMatchObject({ nextCursor: ids[7], newerCursor: ids[7] });
    expect(one.body.items.map((m) => m.id)).toEqual([ids[7]]);
    const all = await history(cat, aroundChannel.id, `around=${ids[3]}&limit=100`);
    expect(all.body.items.map((m) => m.id)).toEqual(newestFirst(0, 29));
    expect(all.body).toMatchObject({ nextCursor: null, newerCursor: null });
    expect((await history(cat, aroundChannel.id, `since=${ids[29]}`)).body).toEqual({ items: [], nextCursor: null, newerCursor: null });
    const last = await history(cat, aroundChannel.id, `since=${ids[26]}`);
    expect(last.body).toMatchObject({ nextCursor: ids[27], newerCursor: null });
    expect(last.body.items.map((m) => m.id)).toEqual(newestFirst(27, 29));
  });

  it("jumps to a deleted message too, and works in direct messages", async () => {
    const dropped = await say(ann, server, aroundChannel, "soon gone");
    expect((await call(`/api/socket/messages/${dropped.id}?serverId=${server.id}&channelId=${aroundChannel.id}`, { method: "DELETE", token: ann.token })).status).toBe(200);
    const res = await history(cat, aroundChannel.id, `around=${dropped.id}&limit=3`);
    expect(res.body.items.map((m) => [m.id, m.deleted])).toEqual([[dropped.id, true], [ids[29], false], [ids[28], false]]);
    expect(res.body.newerCursor).toBeNull();

    const conversation = (await call<Conversation>("/api/conversations", { method: "POST", token: ann.token, body: { serverId: server.id, memberId: memberOf(server, cat).id } })).body;
    const dmIds = await insertMessages("direct_messages", conversation.id, memberOf(server, cat).id, Array.from({ length: 7 }, (_, i) => `dm${i}`));
    const around = await call<HistoryPage>(`/api/direct-messages?conversationId=${conversation.id}&around=${dmIds[3]}&limit=3`, { token: ann.token });
    expect(around.status).toBe(200);
    expect(around.body.items.map((m) => m.id)).toEqual([dmIds[4], dmIds[3], dmIds[2]]);
    expect(around.body).toMatchObject({ nextCursor: dmIds[2], newerCursor: dmIds[4] });
    const since = await call<HistoryPage>(`/api/direct-messages?conversationId=${conversation.id}&since=${dmIds[4]}`, { token: ann.token });
    expect(since.body.items.map((m) => m.id)).toEqual([dmIds[6], dmIds[5]]);
    expect((await call(`/api/direct-messages?conversationId=${conversation.id}&around=${dmIds[3]}`, { token: bob.token })).status).toBe(404);
    expect((await call(`/api/direct-messages?conversationId=${conversation.id}&around=${ids[3]}`, { token: ann.token })).status).toBe(400);
  });

  it("refuses unknown messages, other rooms' messages and mixed parameters", async () => {
    const before = await snapshot();
    const otherRoom = (await history(cat, generalChannel.id, "limit=1")).body.items[0].id;
    const bad = [
      "around=nope", `around=${otherRoom}`, "around=", `around=${"a".repeat(65)}`, "since=nope", `since=${otherRoom}`, "since=",
      `around=${ids[3]}&cursor=${ids[2]}`, `around=${ids[3]}&after=1`, `since=${ids[3]}&cursor=${ids[2]}`, `since=${ids[3]}&after=1`,
      `around=${ids[3]}&since=${ids[4]}`, `around=${ids[3]}&limit=0`, `since=${ids[3]}&limit=abc`,
    ];
    for (const query of bad) {
      const res = await history(cat, aroundChannel.id, query);
      expect(res.status, query).toBe(400);
      expect(res.body.error, query).toEqual(expect.any(String));
    }
    expect((await history(cat, aroundChannel.id, "around=nope")).body.error).toBe("around must be the id of a message of this channel");
    expect((await history(outsider, aroundChannel.id, `around=${ids[3]}`)).status).toBe(404);
    expect((await call(`/api/messages?channelId=${aroundChannel.id}&around=${ids[3]}`)).status).toBe(401);
    expect(await snapshot()).toBe(before);
  });
});
