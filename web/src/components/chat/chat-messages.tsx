// The message list: older pages load when the reader reaches the top (or presses the button), and the list
// stays pinned to the newest message while the reader is near the bottom. Messages are grouped by author and
// divided by day; a reply's quote (or a link with ?message=<id>, as search opens) jumps to that message, and R
// answers the message under the pointer.
import { createEffect, createMemo, createSignal, For, on, onCleanup, onMount, Show, type JSX } from "solid-js";
import { useSearchParams } from "@solidjs/router";
import { dayLabel } from "../../lib/format";
import { continuesGroup, startsDay } from "../../lib/grouping";
import { useChat } from "../../state/chat-context";
import { markRead, readStateOf, setWatching } from "../../state/awareness";
import { markdownSettled } from "../markdown/message-markdown";
import { Spinner } from "../ui/spinner";
import { ChatItem } from "./chat-item";

const NEAR_BOTTOM_PX = 120;
const NEAR_TOP_PX = 40;
const FLASH_MS = 2000;

function DayDivider(props: { iso: string }) {
  return (
    <li role="separator" aria-label={dayLabel(props.iso)} class="mx-4 mb-1 mt-6 flex items-center gap-2">
      <span class="h-px flex-1 bg-line" />
      <span class="text-xs font-semibold text-muted">{dayLabel(props.iso)}</span>
      <span class="h-px flex-1 bg-line" />
    </li>
  );
}

/** Whether a key press is someone typing (in a field) rather than a shortcut for the page. */
const typing = (target: EventTarget | null) => target instanceof Element && !!target.closest("input, textarea, select, [contenteditable=true]");

/** Where the reader left off, as Discord marks it: a red line before the first message that came after. */
function NewDivider() {
  return (
    <li role="separator" aria-label="New messages" class="relative mx-4 my-2 h-px bg-danger" data-testid="new-messages">
      <span class="absolute -top-2 right-0 rounded-sm bg-danger px-1 text-[10px] font-bold uppercase leading-4 text-white">New</span>
    </li>
  );
}

export function ChatMessages(props: { welcome: JSX.Element; label: string; roomId: string; meId: () => string | undefined }) {
  const [chat, actions] = useChat();
  // the reader is at the newest message (then it counts as read); a signal, for the read mark below
  const [atNewest, setAtNewest] = createSignal(true);
  // the reader's mark as the chat opened, before this visit moves it: the "New messages" line goes after it
  const opened = readStateOf(props.roomId);
  const [newSince, setNewSince] = createSignal<string | null | undefined>(opened?.unread ? opened.lastReadMessageId : undefined);
  const [jumped, setJumped] = createSignal<string | null>(null);
  const [params] = useSearchParams<{ message?: string }>();
  let box!: HTMLDivElement;
  let list!: HTMLOListElement;
  let pinned = true;
  // the first page is shown once its markdown can be drawn too, so no message changes its look after it shows
  const loading = () => chat.loading || !markdownSettled();

  const toBottom = () => (box.scrollTop = box.scrollHeight);

  async function loadOlder() {
    // keep the message under the reader's eyes where it is while older ones are put above it
    const fromBottom = box.scrollHeight - box.scrollTop;
    await actions.loadOlder();
    requestAnimationFrame(() => (box.scrollTop = box.scrollHeight - fromBottom));
  }

  function onScroll() {
    pinned = box.scrollHeight - box.scrollTop - box.clientHeight < NEAR_BOTTOM_PX;
    setAtNewest(pinned && !chat.newerCursor);
    if (box.scrollTop < NEAR_TOP_PX && chat.olderCursor && !chat.loadingOlder && !loading()) void loadOlder();
    // after a jump: newer pages as the reader goes down, without pulling them further down with each page
    if (pinned && chat.newerCursor && !chat.loadingNewer && !loading()) {
      pinned = false;
      void actions.loadNewer();
    }
  }

  // reaching the newest message marks the room read (and the sidebar's badge goes); the line stays for this visit
  const newestId = () => {
    for (let i = chat.messages.length - 1; i >= 0; i--) if (!chat.messages[i].status) return chat.messages[i].id;
    return undefined;
  };
  const [visible, setVisible] = createSignal(document.visibilityState === "visible" && document.hasFocus());
  const onFocusChange = () => setVisible(document.visibilityState === "visible" && document.hasFocus());
  for (const event of ["visibilitychange", "focus", "blur"]) (event === "visibilitychange" ? document : window).addEventListener(event, onFocusChange);
  onCleanup(() => {
    for (const event of ["visibilitychange", "focus", "blur"]) (event === "visibilitychange" ? document : window).removeEventListener(event, onFocusChange);
    setWatching(undefined);
  });
  createEffect(() => setWatching({ roomId: props.roomId, atNewest: atNewest() && !chat.newerCursor && visible() }));
  createEffect(on(() => [loading(), atNewest(), visible(), newestId(), chat.newerCursor] as const, ([busy, newest, seen, id, detached]) => {
    if (!busy && newest && seen && id && !detached) void markRead(props.roomId, id).catch(() => undefined);
  }));
  /** The line's place: before the first message by someone else after the mark (at the top if the mark is older). */
  const newLineBefore = createMemo(() => {
    const since = newSince();
    if (since === undefined || loading()) return undefined;
    const list = chat.messages;
    const from = since === null ? -1 : list.findIndex((m) => m.id === since);
    if (from === -1 && since !== null && !chat.olderCursor) return undefined;
    return list.slice(from + 1).find((m) => !m.status && m.memberId !== props.meId())?.id;
  });
  const dismissNew = () => setNewSince(undefined);
  const onEscape = (e: KeyboardEvent) => e.key === "Escape" && newLineBefore() && !typing(e.target) && !document.querySelector("[role=dialog]") && dismissNew();
  document.addEventListener("keydown", onEscape);
  onCleanup(() => document.removeEventListener("keydown", onEscape));

  // a new message at the newest end (ours or anyone's) keeps a pinned reader at the bottom; our own always does
  createEffect(on(() => [chat.messages.length, chat.messages[chat.messages.length - 1]?.id] as const, () => {
    const last = chat.messages[chat.messages.length - 1];
    if (pinned || (last && (last.status === "sending" || last.status === "waiting"))) queueMicrotask(toBottom);
  }));
  createEffect(on(loading, (busy) => !busy && queueMicrotask(toBottom)));
  // a short first page leaves nothing to scroll, and so no way to reach the top: fetch more until it fills the view
  createEffect(on(() => [loading(), chat.loadingOlder, chat.messages.length] as const, ([busy, older]) => {
    if (!busy && !older && chat.olderCursor) queueMicrotask(() => box.scrollHeight <= box.clientHeight && void loadOlder());
  }));
  /** To a message (a reply's original, a search result), paging in older history until it is there; it lights up. */
  async function jumpTo(id: string) {
    pinned = false; // a pinned list would be pulled back to the bottom as the older pages come in
    if (!(await actions.seek(id))) return;
    requestAnimationFrame(() => {
      list.querySelector(`[data-message-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: "center" });
      pinned = false; // the browser's own anchoring, as the pages came in, may have pinned it again meanwhile
      setJumped(id);
      setTimeout(() => jumped() === id && setJumped(null), FLASH_MS);
    });
  }

  // R answers the message under the pointer (or holding the focus), as the Reply button's title says
  const onKey = (e: KeyboardEvent) => {
    if (e.key.toLowerCase() !== "r" || e.ctrlKey || e.metaKey || e.altKey || e.repeat || typing(e.target)) return;
    if (document.querySelector("[role=dialog]")) return;
    const row = (e.target instanceof Element && list.contains(e.target) ? e.target.closest("[data-message-id]") : null) ?? list.querySelector("[data-message-id]:hover");
    const message = row && chat.messages.find((m) => m.id === (row as HTMLElement).dataset.messageId);
    if (!message || message.status || message.deleted) return;
    e.preventDefault();
    actions.replyTo(message.id);
  };
  document.addEventListener("keydown", onKey);
  onCleanup(() => document.removeEventListener("keydown", onKey));

  createEffect(on(() => [loading(), params.message] as const, ([busy, id]) => !busy && id && void jumpTo(id)));

  onMount(() => {
    toBottom();
    // an image that loads or an edit that grows a message must not push a pinned reader off the bottom
    const watcher = new ResizeObserver(() => pinned && toBottom());
    watcher.observe(list);
    onCleanup(() => watcher.disconnect());
  });

  return (
    <>
    <Show when={newLineBefore()}>
      <div class="flex shrink-0 items-center justify-between bg-brand px-4 py-1 text-xs font-semibold text-white" role="status">
        <span>You have new messages since you were last here</span>
        <button type="button" class="underline-offset-2 hover:underline" onClick={dismissNew} title="Mark as read (Esc)">Mark as read</button>
      </div>
    </Show>
    <div ref={box} onScroll={onScroll} class="flex min-h-0 flex-1 flex-col overflow-y-auto" role="log" aria-label={props.label} aria-busy={loading()}>
      <div class="flex-1" />
      <Show when={!loading()} fallback={<div class="grid place-items-center p-6"><Spinner label="Loading messages" /></div>}>
        <Show when={chat.olderCursor} fallback={<div class="px-4 pb-4 pt-8">{props.welcome}</div>}>
          <div class="grid place-items-center py-3">
            <Show when={!chat.loadingOlder} fallback={<Spinner label="Loading previous messages" size={20} />}>
              <button type="button" class="text-xs text-muted underline-offset-2 hover:text-fg hover:underline" onClick={loadOlder}>
                Load previous messages
              </button>
            </Show>
          </div>
        </Show>
      </Show>
      <Show when={chat.error}>
        <p role="alert" class="mx-4 my-2 flex items-center justify-between gap-2 rounded-md bg-danger/15 px-3 py-2 text-sm text-danger">
          {chat.error}
          <button type="button" class="underline" onClick={actions.dismissError}>Dismiss</button>
        </p>
      </Show>
      <ol ref={list} class="pb-4" aria-label="Messages">
        <Show when={markdownSettled()}>
          <For each={chat.messages}>
            {(message, i) => {
              const previous = () => chat.messages[i() - 1];
              return (
                <>
                  <Show when={startsDay(previous(), message)}><DayDivider iso={message.createdAt} /></Show>
                  <Show when={newLineBefore() === message.id}><NewDivider /></Show>
                  <ChatItem message={message} grouped={continuesGroup(previous(), message)} jumped={jumped() === message.id} onJump={jumpTo} />
                </>
              );
            }}
          </For>
        </Show>
      </ol>
      <Show when={chat.newerCursor}>
        <div class="sticky bottom-0 flex items-center justify-between gap-2 bg-raised px-4 py-1.5 text-xs" role="status">
          <span class="text-muted">You are viewing older messages</span>
          <Show when={!chat.loadingNewer} fallback={<Spinner label="Loading newer messages" size={16} />}>
            <button type="button" class="font-semibold text-brand hover:underline" onClick={() => void actions.toPresent().then(() => queueMicrotask(toBottom))}>
              Jump to present
            </button>
          </Show>
        </div>
      </Show>
    </div>
    </>
  );
}
