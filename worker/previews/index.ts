// Link previews (embeds): after a message with links is created or edited, and after the answer has gone, the worker
// fetches up to 3 of its links (fetch.ts, under the host rules of hosts.ts), reads their Open Graph tags (parse.ts),
// keeps a preview's image in FILES after the byte check an upload gets, and sets the message's `embeds`, which
// raises its version; the room then sends `:messages:update`. Previews are cached by url (link_previews), so a link
// posted a hundred times is fetched once in a while. Nothing here fails a request: a link that gives nothing is
// simply not previewed.
import type { Context } from "hono";
import type { HotEnv } from "../auth/middleware";
import type { Embed, Message } from "../../contract";
import { MAX_UPLOAD_BYTES, messagesUpdateKey } from "../../contract";
import { sniff, SNIFF_BYTES } from "../files/sniff";
import { randomToken } from "../ids";
import { fileUrl } from "../db/queries/uploads";
import { tellRoom } from "../realtime";
import { cachedPreview, cachePreview, setEmbeds } from "./store";
import type { RoomKind } from "../db/queries/messages";
import { allowList } from "./hosts";
import { fetchCapped, MAX_HTML_BYTES } from "./fetch";
import { readMeta } from "./parse";
import { linksIn } from "./links";

/** How long a preview (or the lack of one) is kept for its url. */
export const PREVIEW_CACHE_SECONDS = 3600;

/** After the answer: previews the links of a message just created or edited (or clears them when none are left). */
export function previewLater(c: Context<HotEnv>, kind: RoomKind, message: Message): void {
  const links = linksIn(message.content);
  if (links.length === 0 && message.embeds.length === 0) return;
  c.executionCtx.waitUntil(
    preview(c, kind, message, links).catch((err) => console.warn("link previews failed:", (err as Error).message)),
  );
}

async function preview(c: Context<HotEnv>, kind: RoomKind, message: Message, links: string[]) {
  const allowed = allowList(c.env.LINK_PREVIEW_ALLOW);
  const embeds = (await Promise.all(links.map((link) => previewOf(c, link, allowed)))).filter((e): e is Embed => e !== null);
  if (JSON.stringify(embeds) === JSON.stringify(message.embeds)) return;
  const roomId = (message.channelId ?? message.conversationId)!;
  const changed = await setEmbeds(c.var.db, kind, roomId, message, embeds);
  if (changed) tellRoom(c, roomId, messagesUpdateKey(roomId), changed.message, { version: changed.message.version, after: changed.after });
}

/** One link's preview: from the cache while it is fresh, else fetched (and cached, a miss too). */
async function previewOf(c: Context<HotEnv>, link: string, allowed: Set<string>): Promise<Embed | null> {
  const cached = await cachedPreview(c.var.db, link, new Date(Date.now() - PREVIEW_CACHE_SECONDS * 1000).toISOString());
  if (cached !== undefined) return cached;
  const page = await fetchCapped(new URL(link), allowed, { maxBytes: MAX_HTML_BYTES, accept: (t) => t === "text/html" });
  let embed: Embed | null = null;
  let image: { key: string; type: string; size: number } | null = null;
  if (page) {
    const meta = await readMeta(page.bytes);
    const imageUrl = meta.image ? URL.parse(meta.image, page.url) : null;
    if (imageUrl) image = await keepImage(c, imageUrl, allowed);
    embed = meta.title || meta.description
      ? { url: link, title: meta.title, description: meta.description, siteName: meta.siteName, imageUrl: image ? fileUrl(image.key) : null }
      : null;
  }
  await cachePreview(c.var.db, link, embed, embed ? image : null);
  return embed;
}

/** A preview's image, fetched under the same rules and kept in FILES when its bytes are an image an upload may be. */
async function keepImage(c: Context<HotEnv>, url: URL, allowed: Set<string>): Promise<{ key: string; type: string; size: number } | null> {
  if (!c.env.FILES) return null;
  const got = await fetchCapped(url, allowed, { maxBytes: MAX_UPLOAD_BYTES, accept: (t) => t.startsWith("image/") || t === "application/octet-stream" });
  if (!got || got.truncated || got.bytes.length === 0) return null;
  const kind = sniff(got.bytes.subarray(0, SNIFF_BYTES));
  if (!kind || kind.disposition !== "inline") return null; // images only: no PDF, SVG or HTML
  const key = `${randomToken(32)}.${kind.ext}`;
  await c.env.FILES.put(key, got.bytes, { httpMetadata: { contentType: kind.type }, customMetadata: { name: `preview.${kind.ext}` } });
  return { key, type: kind.type, size: got.bytes.length };
}
