// Sending in a chat: optimistic copies matched to their echo by nonce. A send refused with 429 is not a failure:
// it waits, and it and whatever is typed after it go out, in order, once the server allows it again; a GUEST also
// waits the channel's slowmode after each message they send, counted from it, as the worker counts.
import { createEffect, on, onCleanup } from "solid-js";
import type { Member } from "../../../contract/types";
import { isRateLimited, postMessage, type ChatTarget } from "../lib/api";
import { errorText, refOf, type ChatMessage, type ChatParts, type Merge } from "./chat-state";

const newNonce = () =>
  typeof crypto.randomUUID === "function"
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");

export interface SendingDeps {
  self: () => Member | undefined;
  slowmode: () => number;
  merge: Merge;
  /** back to the newest messages after a jump (chat-pages.ts) */
  toPresent: () => Promise<void>;
  /** a send is made: the typing frame may go out again at once */
  sent: () => void;
}

export function createSending(target: ChatTarget, { state, setState, disposed }: ChatParts, deps: SendingDeps) {
  const { self, slowmode, merge } = deps;

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
  onCleanup(() => clearTimeout(flushTimer));
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
    if (flushing || disposed()) return;
    if (slowedNow()) return flushLater(); // a timer that fired a moment early asks again
    flushing = true;
    setState("slowUntil", null);
    try {
      for (let next = state.messages.find((m) => m.status === "waiting"); next && !disposed(); next = state.messages.find((m) => m.status === "waiting")) {
        if (!(await deliver(next.nonce!))) break; // refused again: slowDown set a new time and a timer
      }
    } finally {
      flushing = false;
    }
  }

  return {
    /** the slowmode the caller waits in, in seconds: 0 when none, or for ADMIN and MODERATOR */
    slowmode: ownWait,
    async send(content: string, fileUrl: string | null = null) {
      const me = self();
      if (!me) return;
      // what one writes goes under the newest messages, so those come first
      if (state.newerCursor) await deps.toPresent().catch(() => undefined);
      const nonce = newNonce();
      const now = new Date().toISOString();
      deps.sent();
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
  };
}
