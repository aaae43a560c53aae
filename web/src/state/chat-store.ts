// One store per chat (a channel or a direct conversation): history pages, live room frames, polling while the
// room is unreachable, and optimistic sends matched to their echo by nonce. A send refused with 429 is not a failure:
// it waits, and it and whatever is typed after it go out, in order, once the server allows it again. Also the
// message being replied to, and reactions, shown at once and then settled by version (state/reactions.ts).
import { batch, createEffect, on, onCleanup } from "solid-js";
import { createStore, produce } from "solid-js/store";
import { memberKey, messagesKey, messagesUpdateKey, reactionsKey, typingKey } from "../../../contract/room";
import { TYPING_INTERVAL_MS, TYPING_SHOWN_MS } from "../../../contract/limits";
import type { RoomFrame } from "../../../contract/room";
import type { Member, Message, MessageRef, ReactionEvent, Typing } from "../../../contract/types";
import { ApiError, editMessage, isRateLimited, listAround, listMessages, listSince, messagesAfter, postMessage, removeMessage, setPin, setReaction, type ChatTarget } from "../lib/api";
import { connectRoom, type RoomConnection } from "./room-socket";
import { newMessageIndex } from "./placement";
import { canonicalEmoji, createReactionWishes, keepMine, withMine, withReactionEvent } from "./reactions";

const PAGE_SIZE = 30;
/** older pages asked for while looking for the message a reply quotes */
const SEEK_PAGE_SIZE = 100;
const POLL_MS = 1000;
/** while live, a catch-up every 30 polling ticks */
const LIVE_CHECK_TICKS = 30;

export interface ChatMessage extends Message {
  /** only on messages of ours the server has not confirmed yet; "waiting": held back by a rate limit */
  status?: "sending" | "waiting" | "failed";
  error?: string;
}

export interface ChatState {
  messages: ChatMessage[]; // oldest first, as shown
  olderCursor: string | null;
  /** set after a jump to an old message: the newest messages are not loaded, this asks for the next newer page */
  newerCursor: string | null;
  loadingNewer: boolean;
  loading: boolean;
  loadingOlder: boolean;
  error: string | null;
  /** the room socket is open; otherwise the chat polls every second */
  live: boolean;
  /** the server said "slow down": no send until this time (ms since the epoch) */
  slowUntil: number | null;
  /** a conversation whose other member left the server (heard live from its room): who left */
  departed: Member | null;
  /** the message the next send answers */
  replyingTo: string | null;
  /** who else is typing here, by profile id: their name, and until when it shows (ms since the epoch) */
  typing: Record<string, { name: string; until: number }>;
}

const newNonce = () =>
  typeof crypto.randomUUID === "function"
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");

const errorText = (e: unknown) => (e instanceof Error ? e.message : "Something went wrong");
const refOf = (m: Message): MessageRef => ({ id: m.id, content: m.content, fileUrl: m.fileUrl, deleted: m.deleted, memberId: m.memberId, member: m.member });

/**
 * `slowmode`: the channel's slowmode in seconds as the server view says now (0 for a conversation); a GUEST waits
 * that long after each message they send, counted from it, as the worker counts.
 */
export function createChatStore(target: ChatTarget, self: () => Member | undefined, slowmode: () => number = () => 0) {
  const [state, setState] = createStore<ChatState>({
    messages: [], olderCursor: null, newerCursor: null, loadingNewer: false, loading: true, loadingOlder: false, error: null, live: false, slowUntil: null, departed: null,
    replyingTo: null, typing: {},
  });
  // The highest version seen in the first page, in room frames and in catch-up answers. Not raised from our own
  // write answers or older pages: a message another person sent just before would then never be asked for.
  let maxVersion = 0;
  let loaded = false;
  let disposed = false;
  const seen = (version: number) => (maxVersion = Math.max(maxVersion, version));

  const wishes = createReactionWishes({
    send: (id, emoji, on) => setReaction(target, id, emoji, on),
    answered: (m) => merge(m, false),
    undo: (id, emoji, on) => setState("messages", (m) => m.id === id, "reactions", (list) => withMine(list, emoji, on)),
  });
  /**
   * A message from the server as this client holds it: a room frame marks no reaction as ours, so ours are kept
   * from what we held; then our unanswered clicks.
   */
  function settled(incoming: Message, held: Message | undefined, fromRoom: boolean): Message {
    const reactions = wishes.apply(incoming.id, fromRoom ? keepMine(incoming.reactions, held?.reactions ?? []) : incoming.reactions);
    return reactions === incoming.reactions ? incoming : { ...incoming, reactions };
  }

  const firstPending = (list: ChatMessage[]) => {
    const i = list.findIndex((m) => m.status);
    return i === -1 ? list.length : i;
  };

  /**
   * Puts a message from the server in its place: the same id is replaced (unless what we hold is newer), our
   * optimistic copy with the same nonce is replaced, and anything else is inserted where its time puts it —
   * unless it is older than the oldest loaded message, which is history we have not paged in yet.
   */
  /** the version each message had when this client saw it arrive as new (room frames, our own POST answers) */
  const createdVersions = new Map<string, number>();
  function merge(raw: Message, newest: boolean, fromRoom = false) {
    setState("messages", produce((list) => {
      const at = list.findIndex((m) => m.id === raw.id);
      const incoming = settled(raw, list[at], fromRoom);
      if (at !== -1) {
        if (incoming.version < list[at].version) return;
        // in place, so the row on screen is updated rather than drawn anew
        Object.assign(list[at], incoming);
        // the replies to it quote it as it is now: edited, or deleted
        for (const m of list) if (m.replyTo?.id === incoming.id) m.replyTo = refOf(incoming);
        return;
      }
      const own = incoming.nonce ? list.findIndex((m) => m.status && m.nonce === incoming.nonce && m.memberId === incoming.memberId) : -1;
      if (own !== -1) {
        list[own] = incoming;
        return;
      }
      const end = firstPending(list);
      // after a jump, what is newer than the newest message held is history not paged in yet, as older is
      if (state.newerCursor && end > 0 && incoming.createdAt > list[end - 1].createdAt) return;
      if (newest) {
        createdVersions.set(incoming.id, incoming.version);
        list.splice(newMessageIndex(list, incoming, end, (id) => createdVersions.get(id)), 0, incoming);
        return;
      }
      if (end === 0 || incoming.createdAt >= list[end - 1].createdAt) {
        list.splice(end, 0, incoming);
        return;
      }
      if (state.olderCursor && incoming.createdAt < list[0].createdAt) return;
      let i = end;
      while (i > 0 && list[i - 1].createdAt > incoming.createdAt) i--;
      list.splice(i, 0, incoming);
    }));
  }

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
      for (let cursor: number | null = after; cursor !== null && !disposed; ) {
        const page = await messagesAfter(target, cursor);
        batch(() => page.items.forEach((m) => (seen(m.version), merge(m, false))));
        cursor = page.nextCursor === null ? null : Number(page.nextCursor);
        if (cursor !== null && Number.isNaN(cursor)) cursor = null;
      }
    } catch {
      // polling or the next reconnection asks again
    } finally {
      catching = false;
      if (queued !== null && !disposed) {
        const next = queued;
        queued = null;
        void catchUp(next);
      }
    }
  }

  async function loadFirst() {
    try {
      const page = await listMessages(target, null, PAGE_SIZE);
      if (disposed) return;
      page.items.forEach((m) => seen(m.version));
      batch(() => {
        const pending = state.messages.filter((m) => m.status);
        setState({ messages: [...page.items].reverse(), olderCursor: page.nextCursor, loading: false, error: null });
        // sends made while the first page loaded: their echo may already be in it
        pending.forEach((m) => setState("messages", (l) => (l.some((x) => x.nonce === m.nonce && !x.status) ? l : [...l, m])));
      });
      loaded = true;
      stopRoom = connectRoom(target.roomId, {
        onFrame,
        // put out of the room: say why and stop asking; the socket does not come back, and polling would only
        // hear 404 every second
        onRemoved: () => {
          removed = true;
          clearInterval(poll);
          setState({ live: false, error: "You no longer have access to this chat." });
        },
        onOpen: () => {
          const from = maxVersion; // before any frame of the new connection raises it
          setState("live", true);
          void catchUp(from);
        },
        onDown: () => setState("live", false),
      });
    } catch (e) {
      if (disposed) return;
      setState({ loading: e instanceof ApiError && e.status >= 400 && e.status < 500 ? false : true, error: errorText(e) });
      if (!(e instanceof ApiError) || e.status >= 500) setTimeout(loadFirst, 2000);
    }
  }

  function onFrame(frame: RoomFrame) {
    if (frame.key === memberKey(target.roomId)) {
      // a former member: their messages stay, marked; a conversation with them can be read, not written to
      const member = frame.data;
      setState("messages", (m) => m.memberId === member.id, "member", "left", member.left);
      if (member.left) setState("departed", member);
      return;
    }
    if (frame.key === typingKey(target.roomId)) return typingFrom(frame.data);
    if (frame.key === messagesKey(target.roomId)) {
      merge(frame.data, true, true);
      // their message is here: they stopped typing it
      if (state.typing[frame.data.member.profileId]) setState("typing", frame.data.member.profileId, undefined!);
    }
    else if (frame.key === messagesUpdateKey(target.roomId)) merge(frame.data, false, true);
    else if (frame.key === reactionsKey(target.roomId)) reacted(frame.data);
    else return; // keys this client does not know
    seen(frame.data.version);
  }

  function reacted(event: ReactionEvent) {
    const i = findIndex((m) => m.id === event.messageId);
    if (i === -1) return; // history not paged in: it comes with its reactions when it is
    const reactions = withReactionEvent(state.messages[i], event, self()?.id);
    if (reactions) setState("messages", i, { reactions, version: event.version });
  }

  // "… is typing" shows for TYPING_SHOWN_MS after a person's last typing frame, or until their message arrives
  const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  function typingFrom(t: Typing) {
    if (t.profileId === self()?.profileId) return; // our own other tab
    setState("typing", t.profileId, { name: t.name, until: Date.now() + TYPING_SHOWN_MS });
    clearTimeout(typingTimers.get(t.profileId));
    typingTimers.set(t.profileId, setTimeout(() => setState("typing", t.profileId, undefined!), TYPING_SHOWN_MS));
  }
  /** When we last told the room we type: at most once per TYPING_INTERVAL_MS, as the room relays it. */
  let typedAt = 0;

  let stopRoom: RoomConnection | undefined;
  // every second while the room is unreachable; and now and then while live too, and when the tab comes back,
  // because a room notification the worker failed to deliver is not repeated (the database still has it)
  let ticks = 0;
  const poll = setInterval(() => {
    ticks++;
    if (loaded && !disposed && (!state.live || ticks % LIVE_CHECK_TICKS === 0)) void catchUp();
  }, POLL_MS);
  /** the room put this person out (4003) */
  let removed = false;
  const onVisible = () => document.visibilityState === "visible" && loaded && !removed && void catchUp();
  document.addEventListener("visibilitychange", onVisible);
  onCleanup(() => {
    disposed = true;
    clearInterval(poll);
    clearTimeout(flushTimer);
    document.removeEventListener("visibilitychange", onVisible);
    typingTimers.forEach(clearTimeout);
    stopRoom?.();
  });
  void loadFirst();

  const findIndex = (pred: (m: ChatMessage) => boolean) => state.messages.findIndex(pred);

  /** Sends one of our unconfirmed messages; false when the server said to wait (it is then "waiting"). */
  async function deliver(nonce: string): Promise<boolean> {
    const m = state.messages.find((x) => x.status && x.nonce === nonce);
    if (!m) return true;
    const mark = (patch: Partial<ChatMessage>) => setState("messages", (x) => x.nonce === nonce && !!x.status, patch);
    mark({ status: "sending", error: undefined });
    try {
      // the same nonce on a retry: the server answers the first message instead of making a second
      const sent = await postMessage(target, { content: m.content, fileUrl: m.fileUrl, nonce, replyToId: m.replyTo?.id ?? null });
      merge(sent, true);
      waitAfter(sent.createdAt);
      return true;
    } catch (e) {
      if (!isRateLimited(e)) {
        mark({ status: "failed", error: errorText(e) });
        return true;
      }
      mark({ status: "waiting" });
      slowDown(e.retryAfter);
      return false;
    }
  }

  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let flushing = false;
  const slowedNow = () => state.slowUntil !== null && state.slowUntil > Date.now();
  const anyWaiting = () => state.messages.some((m) => m.status === "waiting");

  const flushLater = () => {
    clearTimeout(flushTimer);
    flushTimer = setTimeout(() => void flush(), Math.max(0, (state.slowUntil ?? 0) - Date.now()));
  };
  /** The slowmode wait a message of ours sent at `createdAt` starts, for as long as it is left. */
  const ownWait = () => (self()?.role === "GUEST" ? slowmode() : 0);
  function waitAfter(createdAt: string) {
    const left = Date.parse(createdAt) + ownWait() * 1000 - Date.now();
    if (ownWait() > 0 && left > 0) slowDown(left / 1000);
  }
  // on opening the chat, and when slowmode is turned on: the wait our latest message here started
  createEffect(on([ownWait, () => state.loading] as const, ([seconds, loading]) => {
    if (loading || seconds === 0) return;
    const me = self()?.id;
    const last = [...state.messages].reverse().find((m) => m.memberId === me && !m.status);
    if (last) waitAfter(last.createdAt);
  }));

  function slowDown(seconds: number) {
    setState("slowUntil", Math.max(Date.now() + seconds * 1000, state.slowUntil ?? 0));
    flushLater();
  }

  /** Sends the waiting messages one after another, oldest first, once the wait is over. */
  async function flush() {
    if (flushing || disposed) return;
    if (slowedNow()) return flushLater(); // a timer that fired a moment early asks again
    flushing = true;
    setState("slowUntil", null);
    try {
      for (let next = state.messages.find((m) => m.status === "waiting"); next && !disposed; next = state.messages.find((m) => m.status === "waiting")) {
        if (!(await deliver(next.nonce!))) break; // refused again: slowDown set a new time and a timer
      }
    } finally {
      flushing = false;
    }
  }

  /** Older pages, one request at a time: a scroll to the top and a jump to a quoted message share it. */
  let older: Promise<void> | null = null;
  function loadOlder(size = PAGE_SIZE): Promise<void> {
    if (!state.olderCursor) return Promise.resolve();
    return (older ??= (async () => {
      setState("loadingOlder", true);
      try {
        const page = await listMessages(target, state.olderCursor, size);
        setState(produce((s) => {
          const have = new Set(s.messages.map((m) => m.id));
          s.messages.unshift(...[...page.items].reverse().filter((m) => !have.has(m.id)));
          s.olderCursor = page.nextCursor;
          s.loadingOlder = false;
        }));
      } catch (e) {
        setState({ loadingOlder: false, error: errorText(e) });
        throw e;
      } finally {
        older = null;
      }
    })());
  }

  /** Newer pages after a jump, one request at a time; at the newest, catch-up brings what came meanwhile. */
  let newer: Promise<void> | null = null;
  function loadNewer(): Promise<void> {
    if (!state.newerCursor) return Promise.resolve();
    return (newer ??= (async () => {
      setState("loadingNewer", true);
      try {
        const page = await listSince(target, state.newerCursor!, SEEK_PAGE_SIZE);
        setState(produce((s) => {
          const have = new Set(s.messages.map((m) => m.id));
          s.messages.splice(firstPending(s.messages), 0, ...[...page.items].reverse().filter((m) => !have.has(m.id)));
          s.newerCursor = page.newerCursor;
          s.loadingNewer = false;
        }));
        if (!page.newerCursor) void catchUp();
      } catch (e) {
        setState({ loadingNewer: false, error: errorText(e) });
        throw e;
      } finally {
        newer = null;
      }
    })());
  }

  /** The first page again, as when the chat opened: after a jump, to write or to read the newest. */
  async function toPresent() {
    if (!state.newerCursor) return;
    const page = await listMessages(target, null, PAGE_SIZE);
    const pending = state.messages.filter((m) => m.status);
    setState({ messages: [...[...page.items].reverse(), ...pending], olderCursor: page.nextCursor, newerCursor: null });
    void catchUp();
  }

  const actions = {
    /** a channel's or a conversation's chat: who may pin differs */
    kind: target.kind,
    target,
    /** the slowmode the caller waits in, in seconds: 0 when none, or for ADMIN and MODERATOR */
    slowmode: ownWait,
    async send(content: string, fileUrl: string | null = null) {
      const me = self();
      if (!me) return;
      // what one writes goes under the newest messages, so those come first
      if (state.newerCursor) await toPresent().catch(() => undefined);
      const nonce = newNonce();
      const now = new Date().toISOString();
      typedAt = 0;
      const where = target.kind === "channel" ? { channelId: target.roomId } : { conversationId: target.roomId };
      const answered = state.messages.find((m) => m.id === state.replyingTo);
      setState("replyingTo", null);
      const draft: ChatMessage = {
        id: `pending-${nonce}`, content, fileUrl, deleted: false, ...where, memberId: me.id, member: me, nonce,
        version: 0, createdAt: now, updatedAt: now, status: "sending",
        replyTo: answered ? refOf(answered) : null, mentions: [], mentionEveryone: false, reactions: [], pinned: false, embeds: [],
      };
      // behind a wait, or behind messages still waiting: queue, so messages keep the order they were typed in
      if (slowedNow() || flushing || anyWaiting()) {
        setState("messages", (l) => [...l, { ...draft, status: "waiting" }]);
        return flush();
      }
      setState("messages", (l) => [...l, draft]);
      await deliver(nonce);
    },
    /** Enter on an empty composer: send what waits now, if the wait is over. */
    sendWaiting: () => flush(),
    retry: (nonce: string) => deliver(nonce),
    discard: (nonce: string) => setState("messages", (l) => l.filter((m) => !(m.status && m.nonce === nonce))),
    async edit(id: string, content: string) {
      const i = findIndex((m) => m.id === id);
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
    /** The composer changed: tell the room we type (never for an empty composer), at most every 2 seconds. */
    typed(text: string) {
      if (!text.trim() || Date.now() - typedAt < TYPING_INTERVAL_MS) return;
      typedAt = Date.now();
      stopRoom?.send({ type: "typing" });
    },
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
    loadOlder: () => loadOlder().catch(() => undefined),
    /**
     * Makes the message loaded: at once if it is, else the page around it replaces what is shown (with older and
     * newer pages loadable from there), however far back it is. False if it is not in this chat.
     */
    async seek(id: string): Promise<boolean> {
      if (state.messages.some((m) => m.id === id)) return true;
      try {
        const page = await listAround(target, id, SEEK_PAGE_SIZE);
        if (disposed) return false;
        setState({ messages: [...page.items].reverse(), olderCursor: page.nextCursor, newerCursor: page.newerCursor });
      } catch {
        return false;
      }
      return state.messages.some((m) => m.id === id);
    },
    loadNewer: () => loadNewer().catch(() => undefined),
    /** Back to the newest messages after a jump. */
    toPresent,
    dismissError: () => setState("error", null),
  };
  return [state, actions] as const;
}

export type ChatStore = ReturnType<typeof createChatStore>;
