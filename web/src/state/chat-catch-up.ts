// Catching a chat up: what changed after the highest version this client has seen, asked page by page, one run at
// a time. The polling fallback is a query whose refetchInterval is a second while the room is unreachable and 30 s
// while it is live, because a room notification the worker failed to deliver is not repeated (the database still
// has it); the query cache asks again when the tab is shown again too.
import { batch, createSignal } from "solid-js";
import { createQuery } from "@tanstack/solid-query";
import { messagesAfter, type ChatTarget } from "../lib/api";
import type { ChatParts, Merge } from "./chat-state";

const POLL_MS = 1000;
/** while live, a catch-up every 30 seconds */
const LIVE_CHECK_MS = 30_000;
/** each chat store polls under a key of its own: two open on one room each catch their own list up */
let stores = 0;

export function createCatchUp(target: ChatTarget, { state, disposed }: ChatParts, merge: Merge) {
  // The highest version seen in the first page, in room frames and in catch-up answers. Not raised from our own
  // write answers or older pages: a message another person sent just before would then never be asked for.
  let maxVersion = 0;
  const seen = (version: number) => (maxVersion = Math.max(maxVersion, version));

  // Catch-up runs one at a time; a request that comes while one runs is kept, with the lowest `after` asked.
  let catching = false;
  let queued: number | null = null;
  async function catchUp(after = maxVersion) {
    if (catching) {
      queued = queued === null ? after : Math.min(queued, after);
      return;
    }
    catching = true;
    try {
      for (let cursor: number | null = after; cursor !== null && !disposed(); ) {
        const page = await messagesAfter(target, cursor);
        batch(() => page.items.forEach((m) => (seen(m.version), merge(m, false))));
        cursor = page.nextCursor === null ? null : Number(page.nextCursor);
        if (cursor !== null && Number.isNaN(cursor)) cursor = null;
      }
    } catch {
      // polling or the next reconnection asks again
    } finally {
      catching = false;
      if (queued !== null && !disposed()) {
        const next = queued;
        queued = null;
        void catchUp(next);
      }
    }
  }

  /** the first page is in: from here the chat catches up */
  const [loaded, setLoaded] = createSignal(false);
  /** the room put this person out (4003): polling would only hear 404 every second */
  const [removed, setRemoved] = createSignal(false);
  const key = ["chat-catch-up", target.roomId, ++stores];
  createQuery(() => ({
    queryKey: key,
    queryFn: async () => (await catchUp(), maxVersion),
    enabled: loaded() && !removed(),
    refetchInterval: state.live ? LIVE_CHECK_MS : POLL_MS,
    // as a timer would: a hidden tab keeps asking (the browser slows it down)
    refetchIntervalInBackground: true,
    refetchOnWindowFocus: "always",
    staleTime: 0,
    gcTime: 0,
  }));

  return {
    catchUp,
    seen,
    /** the version to catch up from when the socket opens, taken before any frame of the new connection raises it */
    mark: () => maxVersion,
    loaded: () => setLoaded(true),
    removed: () => setRemoved(true),
  };
}
