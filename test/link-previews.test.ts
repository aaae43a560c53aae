// Link previews through the API: a page's Open Graph tags (then <title> and description) become the message's
// embeds after the answer, with its image kept by the worker; refused hosts are never asked (the local page server
// sees no request), nor redirects to them; slow, huge and non-HTML pages give no preview; `<…>` suppresses one; the
// image is served only to who may read a message showing it;
// a url is fetched once while cached; an edit previews again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Embed, Message, Page, ServerView } from "../contract";
import { addChannel, call, channelQuery, createServer, general, signUp, seedMessage, workerUrl } from "./helpers";
import type { Person } from "./helpers";
import { join as joinRoom } from "./rooms";
import { png } from "../worker/files/samples";
import { previewPort, site, startSite } from "./preview-site";

const pages = startSite();
let ann: Person;
let server: ServerView;
let q: string;
beforeAll(async () => {
  await pages.start();
  ann = await signUp("Ann");
  server = await createServer(ann, "Previews");
  q = channelQuery(server);
});
afterAll(() => pages.stop());

/** A url of the page server no other test asked for (the worker caches previews by url). */
let n = 0;
const fresh = (path: string, extra = "") => `${site}${path}?t=${Date.now().toString(36)}${n++}${extra}`;

/** Posts in a channel of its own, so the message rate limit (5 per 5 s in a room) never gets in the way. */
const channelOf = new Map<string, string>();
async function say(content: string): Promise<Message> {
  const channel = await addChannel(ann, server.id, `c${n++}`);
  const m = await seedMessage(ann, channelQuery(server, channel.id), content);
  channelOf.set(m.id, channel.id);
  return m;
}
async function embedsOf(id: string): Promise<Embed[]> {
  const page = await call<Page<Message>>(`/api/messages?channelId=${channelOf.get(id) ?? general(server).id}&limit=100`, { token: ann.token });
  return page.body.items.find((m) => m.id === id)?.embeds ?? [];
}
/** Waits until the message has embeds (the preview job is done) and answers them. */
async function previewed(id: string, count = 1): Promise<Embed[]> {
  await expect.poll(async () => (await embedsOf(id)).length, { timeout: 15_000 }).toBe(count);
  return embedsOf(id);
}
const seenPath = (url: string) => url.slice(site.length);

describe("link previews", () => {
  it("fills embeds from Open Graph after the answer, keeps the image on the worker, and tells the room", async () => {
    const room = await joinRoom(ann, general(server).id);
    const link = fresh("/og");
    const m = await seedMessage(ann, q, `look at ${link} !`);
    expect(m.embeds).toEqual([]); // the answer does not wait
    const frame = await room.next((e) => e.key === `chat:${general(server).id}:messages:update` && (e.data as Message).id === m.id, 15_000);
    room.close();
    const [embed] = (frame.data as Message).embeds;
    expect(embed).toEqual({ url: link, title: "Open & Graph", description: "What the page is about", siteName: "Test Site", imageUrl: expect.stringMatching(/^\/api\/files\/[A-Za-z0-9_-]{43}\.png$/) });
    expect((frame.data as Message).version).toBeGreaterThan(m.version);
    expect(await embedsOf(m.id)).toEqual([embed]);
    // catch-up brings it too
    const after = await call<Page<Message>>(`/api/messages?channelId=${general(server).id}&after=${m.version}`, { token: ann.token });
    expect(after.body.items.find((x) => x.id === m.id)?.embeds).toEqual([embed]);
    // the image is served by the worker, with the bytes the page had, to a signed-in person
    const res = await call(embed.imageUrl!, { token: ann.token });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    const bytes = new Uint8Array(await (await fetch(new URL(embed.imageUrl!, workerUrl), { headers: { authorization: `Bearer ${ann.token}` } })).arrayBuffer());
    expect(Buffer.from(bytes).equals(Buffer.from(png()))).toBe(true);
    expect((await call(embed.imageUrl!)).status).toBe(401);
    // as for an upload: only who may read a message that shows it
    const stranger = await signUp("Stranger");
    expect((await call(embed.imageUrl!, { token: stranger.token })).status).toBe(404);
    expect((await call(`/api/socket/messages/${m.id}?${q}`, { method: "DELETE", token: ann.token })).status).toBe(200);
    expect((await call(embed.imageUrl!, { token: ann.token })).status).toBe(404);
  });

  it("falls back to <title> and the description, previews up to 3 links in order, and never waits for the answer", async () => {
    const [a, b, c, d] = [fresh("/plain"), fresh("/og"), fresh("/plain"), fresh("/plain")];
    const m = await say(`${a} ${b} ${a} (${c}) ${d}`);
    const embeds = await previewed(m.id, 3);
    expect(embeds.map((e) => e.url)).toEqual([a, b, c]);
    expect(embeds[0]).toEqual({ url: a, title: "Plain & simple", description: "Just a page", siteName: null, imageUrl: null });
    expect(pages.seen).not.toContain(seenPath(d));
  });

  it("never asks a host that is not public, in any spelling, nor one a redirect leads to, nor past 3 redirects", async () => {
    const refused = [
      `http://localhost:${previewPort}/seen-1`, `http://LOCALHOST:${previewPort}/seen-2`, `http://[::1]:${previewPort}/seen-3`,
      `http://127.0.0.2:${previewPort}/seen-4`, `http://0x7f.0.0.2:${previewPort}/seen-5`, `http://2130706434:${previewPort}/seen-6`,
      `http://[::ffff:127.0.0.2]:${previewPort}/seen-7`, `http://0.0.0.0:${previewPort}/seen-8`, `http://site.localhost:${previewPort}/seen-9`,
      "http://10.0.0.1/seen", "http://172.16.0.1/seen", "http://192.168.0.1/seen", "http://169.254.169.254/latest/meta-data",
      "http://100.64.0.1/seen", "http://224.0.0.1/seen", "http://[fd00::1]/seen", "http://[fe80::1]/seen", "http://printer.local/seen",
      "http://metadata.google.internal/seen",
      fresh("/redirect", `&to=${encodeURIComponent(`http://localhost:${previewPort}/seen-10`)}`),
      fresh("/redirect", `&to=${encodeURIComponent(`http://[::1]:${previewPort}/seen-11`)}`),
      fresh("/chain", "&n=4"),
    ];
    // (other spellings of 127.0.0.1 with the allowed port are the allowed host itself, so 127.0.0.2 stands for them)
    // two refused links and one good one a message: the good one's preview says the job is done
    for (let i = 0; i < refused.length; i += 2) {
      const good = fresh("/plain");
      const m = await say(`${refused[i]} ${refused[i + 1] ?? ""} ${good}`);
      expect((await previewed(m.id)).map((e) => e.url)).toEqual([good]);
    }
    expect(pages.seen.filter((p) => p.startsWith("/seen"))).toEqual([]);
    // the chain was followed 3 times, never to its end
    expect(pages.seen.filter((p) => p.startsWith("/chain")).length).toBe(4);
    // a redirect to an allowed page is followed
    const target = fresh("/plain");
    const viaRedirect = fresh("/redirect", `&to=${encodeURIComponent(target)}`);
    const m = await say(viaRedirect);
    expect((await previewed(m.id))[0]).toMatchObject({ url: viaRedirect, title: "Plain & simple" });
  });

  it("gives nothing for a slow page (5 s), a non-HTML answer, or what lies past 512 KiB of a huge page", async () => {
    const slow = fresh("/slow"), json = fresh("/json"), huge = fresh("/huge");
    const started = Date.now();
    const m = await say(`${slow} ${json} ${huge}`);
    const embeds = await previewed(m.id);
    expect(Date.now() - started).toBeLessThan(12_000);
    // the huge page was read only so far: its <title>, never the Open Graph title further down
    expect(embeds).toEqual([{ url: huge, title: "Huge page", description: null, siteName: null, imageUrl: null }]);
    expect(pages.seen).toContain(seenPath(slow));
  }, 30_000);

  it("keeps only images whose bytes are an image an upload may be, within the upload size, from an allowed host", async () => {
    const [fake, big, priv] = [fresh("/fake-image"), fresh("/big-image"), fresh("/private-image")];
    const m = await say(`${fake} ${big} ${priv}`);
    const embeds = await previewed(m.id, 3);
    expect(embeds.map((e) => [e.title, e.imageUrl])).toEqual([["Fake image", null], ["Big image", null], ["Private image", null]]);
    expect(pages.seen.filter((p) => p.startsWith("/img.png") && !p.includes("t="))).toEqual([]);
  });

  it("does not preview <https://…>, fetches a cached url once, and previews again after an edit", async () => {
    const hidden = fresh("/og"), shown = fresh("/plain");
    const m = await say(`<${hidden}> and ${shown}`);
    expect((await previewed(m.id)).map((e) => e.url)).toEqual([shown]);
    expect(pages.seen).not.toContain(seenPath(hidden));
    // the same link again: from the cache
    const again = await say(`again ${shown}`);
    expect((await previewed(again.id)).map((e) => e.url)).toEqual([shown]);
    expect(pages.seen.filter((p) => p === seenPath(shown))).toHaveLength(1);
    // an edit to another link replaces the preview; an edit to no link clears it
    const other = fresh("/og");
    const mq = channelQuery(server, channelOf.get(m.id));
    const edited = await call<Message>(`/api/socket/messages/${m.id}?${mq}`, { method: "PATCH", token: ann.token, body: { content: `now ${other}` } });
    expect(edited.status).toBe(200);
    await expect.poll(async () => (await embedsOf(m.id)).map((e) => e.url), { timeout: 15_000 }).toEqual([other]);
    await call(`/api/socket/messages/${m.id}?${mq}`, { method: "PATCH", token: ann.token, body: { content: "no links any more" } });
    await expect.poll(async () => (await embedsOf(m.id)).length, { timeout: 15_000 }).toBe(0);
  });
});
