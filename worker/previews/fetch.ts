// Fetching a link for its preview under the contract's caps: every hop (the link and each redirect) must pass the
// host rules (hosts.ts), at most 3 redirects, 5 seconds in all, and no more than `maxBytes` read from the body.
import { mayFetch } from "./hosts";

export const MAX_REDIRECTS = 3;
export const FETCH_TIMEOUT_MS = 5_000;
export const MAX_HTML_BYTES = 512 * 1024;

export interface Fetched { url: URL; type: string; bytes: Uint8Array; truncated: boolean }

/**
 * The answer's first `maxBytes` bytes (reading stops there: a huge page costs no more), its final url and its type;
 * undefined for a refused host anywhere on the way, too many redirects, a time-out or an answer that is not 200.
 * `accept` is checked on the content type before any of the body is read.
 */
export async function fetchCapped(link: URL, allowed: Set<string>, opts: { maxBytes: number; accept: (type: string) => boolean; signal?: AbortSignal }): Promise<Fetched | undefined> {
  const signal = opts.signal ?? AbortSignal.timeout(FETCH_TIMEOUT_MS);
  let url = link;
  try {
    for (let hop = 0; ; hop++) {
      if (!mayFetch(url, allowed)) return undefined;
      const res = await fetch(url.toString(), {
        redirect: "manual",
        signal,
        headers: { accept: "text/html,image/*;q=0.8", "user-agent": "EdgecordBot/1.0 (link previews)" },
      });
      if (res.status >= 300 && res.status < 400) {
        await res.body?.cancel();
        const location = res.headers.get("location");
        if (!location || hop >= MAX_REDIRECTS) return undefined;
        url = new URL(location, url);
        continue;
      }
      const type = (res.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
      if (res.status !== 200 || !res.body || !opts.accept(type)) {
        await res.body?.cancel();
        return undefined;
      }
      const declared = Number(res.headers.get("content-length"));
      if (Number.isFinite(declared) && declared > opts.maxBytes * 8) {
        await res.body.cancel();
        return undefined;
      }
      const { bytes, truncated } = await readUpTo(res.body, opts.maxBytes);
      return { url, type, bytes, truncated };
    }
  } catch {
    return undefined; // timed out, refused, reset: no preview
  }
}

/** Reads a stream up to `max` bytes, then lets go of the rest. */
async function readUpTo(body: ReadableStream<Uint8Array>, max: number): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = max - size;
    if (value.length >= room) {
      chunks.push(value.subarray(0, room));
      size = max;
      truncated = value.length > room;
      if (!truncated) {
        const next = await reader.read();
        truncated = !next.done;
      }
      await reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
    size += value.length;
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) (bytes.set(c, at), (at += c.length));
  return { bytes, truncated };
}
