// One store per chat (a channel or a direct conversation), put together from its parts: the first page and the
// room's socket here, messages from the server placed by chat-merge.ts, history pages and jumps (chat-pages.ts),
// catch-up and the polling fallback while the room is unreachable (chat-catch-up.ts), optimistic sends and waits
// (chat-sending.ts), room frames and typing (chat-room.ts); edits, deletes, pins, the message being replied to,
// and reactions, shown at once and then settled by version (reactions.ts).
import { batch, onCleanup } from "solid-js";
import { createStore } from "solid-js/store";
import type { Member } from "../../../contract/types";
import { ApiError, editMessage, listMessages, removeMessage, setPin, type ChatTarget } from "../lib/api";
import { canonicalEmoji, withMine } from "./reactions";
import { errorText, PAGE_SIZE, type ChatParts, type ChatState } from "./chat-state";
import { createMerge } from "./chat-merge";
import { createCatchUp } from "./chat-catch-up";
import { createPages } from "./chat-pages";
import { createSending } from "./chat-sending";
import { createChatRoom } from "./chat-room";

export type { ChatMessage, ChatState } from "./chat-state";

/**
 * `slowmode`: the channel's slowmode in seconds as the server view says now (0 for a conversation); a GUEST waits
 * that long after each message they send, counted from it, as the worker counts.
 */
export function createChatStore(target: ChatTarget, self: () => Member | undefined, slowmode: () => number = () => 0) {
  const [state, setState] = createStore<ChatState>({
    messages: [], olderCursor: null, newerCursor: null, loadingNewer: false, loading: true, loadingOlder: false, error: null, live: false, slowUntil: null, departed: null,
    replyingTo: null, typing: {},
  });
  let disposed = false;
  onCleanup(() => (disposed = true));
  const parts: ChatParts = { state, setState, disposed: () => disposed };

  const { merge, wishes } = createMerge(target, parts);
  const sync = createCatchUp(target, parts, merge);
  const catchUp = () => sync.catchUp();
  const pages = createPages(target, parts, catchUp);
  const room = createChatRoom(target, parts, {
    self, merge, seen: sync.seen,
    onRemoved: sync.removed,
    onOpen: () => {
      const from = sync.mark(); // before any frame of the new connection raises it
      setState("live", true);
      void sync.catchUp(from);
    },
  });
  const sending = createSending(target, parts, { self, slowmode, merge, toPresent: pages.toPresent, sent: room.sent });

  async function loadFirst() {
    try {
      const page = await listMessages(target, null, PAGE_SIZE);
      if (disposed) return;
      page.items.forEach((m) => sync.seen(m.version));
      batch(() => {
        const pending = state.messages.filter((m) => m.status);
        setState({ messages: [...page.items].reverse(), olderCursor: page.nextCursor, loading: false, error: null });
        // sends made while the first page loaded: their echo may already be in it
        pending.forEach((m) => setState("messages", (l) => (l.some((x) => x.nonce === m.nonce && !x.status) ? l : [...l, m])));
      });
      sync.loaded();
      room.connect();
    } catch (e) {
      if (disposed) return;
      setState({ loading: e instanceof ApiError && e.status >= 400 && e.status < 500 ? false : true, error: errorText(e) });
      if (!(e instanceof ApiError) || e.status >= 500) setTimeout(loadFirst, 2000);
    }
  }
  void loadFirst();

  const actions = {
    /** a channel's or a conversation's chat: who may pin differs */
    kind: target.kind,
    target,
    ...sending,
    async edit(id: string, content: string) {
      const i = state.messages.findIndex((m) => m.id === id);
      if (i === -1) return;
      const before = { ...state.messages[i] };
      setState("messages", i, { content, updatedAt: new Date().toISOString() });
      try {
        merge(await editMessage(target, id, content), false);
      } catch (e) {
        setState("messages", (m) => m.id === id && m.version === before.version, before);
        throw e;
      }
    },
    async remove(id: string) {
      merge(await removeMessage(target, id), false);
    },
    async pin(id: string, on: boolean) {
      merge(await setPin(target, id, on), false);
    },
    typed: room.typed,
    /** The next message sent answers this one (null: none). */
    replyTo: (id: string | null) => setState("replyingTo", id),
    /** Adds our reaction, or takes it back: shown at once, sent in the background; rejects when refused. */
    toggleReaction(id: string, picked: string): Promise<void> {
      const emoji = canonicalEmoji(picked);
      const m = state.messages.find((x) => x.id === id);
      if (!m || m.status || m.deleted) return Promise.resolve();
      const before = m.reactions.some((r) => r.emoji === emoji && r.me);
      setState("messages", (x) => x.id === id, "reactions", (list) => withMine(list, emoji, !before));
      return wishes.want(id, emoji, !before, before);
    },
    loadOlder: () => pages.loadOlder().catch(() => undefined),
    seek: pages.seek,
    loadNewer: () => pages.loadNewer().catch(() => undefined),
    /** Back to the newest messages after a jump. */
    toPresent: pages.toPresent,
    dismissError: () => setState("error", null),
  };
  return [state, actions] as const;
}

export type ChatStore = ReturnType<typeof createChatStore>;
