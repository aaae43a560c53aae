// The message list: older pages load when the reader reaches the top (or presses the button), and the list
// stays pinned to the newest message while the reader is near the bottom.
import { createEffect, For, on, onCleanup, onMount, Show, type JSX } from "solid-js";
import type { Member } from "../../../../contract/types";
import { useChat } from "../../state/chat-context";
import { Spinner } from "../ui/spinner";
import { ChatItem } from "./chat-item";

const NEAR_BOTTOM_PX = 120;
const NEAR_TOP_PX = 40;

export function ChatMessages(props: { self: Member | undefined; welcome: JSX.Element; label: string }) {
  const [chat, actions] = useChat();
  let box!: HTMLDivElement;
  let list!: HTMLOListElement;
  let pinned = true;

  const toBottom = () => (box.scrollTop = box.scrollHeight);

  async function loadOlder() {
    // keep the message under the reader's eyes where it is while older ones are put above it
    const fromBottom = box.scrollHeight - box.scrollTop;
    await actions.loadOlder();
    requestAnimationFrame(() => (box.scrollTop = box.scrollHeight - fromBottom));
  }

  function onScroll() {
    pinned = box.scrollHeight - box.scrollTop - box.clientHeight < NEAR_BOTTOM_PX;
    if (box.scrollTop < NEAR_TOP_PX && chat.olderCursor && !chat.loadingOlder && !chat.loading) void loadOlder();
  }

  // a new message at the newest end (ours or anyone's) keeps a pinned reader at the bottom; our own always does
  createEffect(on(() => [chat.messages.length, chat.messages[chat.messages.length - 1]?.id] as const, () => {
    const last = chat.messages[chat.messages.length - 1];
    if (pinned || (last && (last.status === "sending" || last.status === "waiting"))) queueMicrotask(toBottom);
  }));
  createEffect(on(() => chat.loading, (loading) => !loading && queueMicrotask(toBottom)));
  // a short first page leaves nothing to scroll, and so no way to reach the top: fetch more until it fills the view
  createEffect(on(() => [chat.loading, chat.loadingOlder, chat.messages.length] as const, ([loading, older]) => {
    if (!loading && !older && chat.olderCursor) queueMicrotask(() => box.scrollHeight <= box.clientHeight && void loadOlder());
  }));
  onMount(() => {
    toBottom();
    // an image that loads or an edit that grows a message must not push a pinned reader off the bottom
    const watcher = new ResizeObserver(() => pinned && toBottom());
    watcher.observe(list);
    onCleanup(() => watcher.disconnect());
  });

  return (
    <div ref={box} onScroll={onScroll} class="flex min-h-0 flex-1 flex-col overflow-y-auto" role="log" aria-label={props.label} aria-busy={chat.loading}>
      <div class="flex-1" />
      <Show when={!chat.loading} fallback={<div class="grid place-items-center p-6"><Spinner label="Loading messages" /></div>}>
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
        <For each={chat.messages}>{(message) => <ChatItem message={message} self={props.self} />}</For>
      </ol>
    </div>
  );
}
