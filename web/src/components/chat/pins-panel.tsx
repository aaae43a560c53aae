// The pinned messages of a chat, latest pinned first, under its header: loaded when opened (its code too), kept
// current from the chat's own store as pins come and go live, with Jump and, for who may, Unpin.
import { createEffect, createSignal, For, onCleanup, onMount, Show } from "solid-js";
import { useSearchParams } from "@solidjs/router";
import type { Message } from "../../../../contract/types";
import { listPins } from "../../lib/api";
import { messageTime } from "../../lib/format";
import { useChat, useChatPeople } from "../../state/chat-context";
import { canModerate } from "../../state/queries";
import { Avatar } from "../ui/avatar";

export default function PinsPanel(props: { onClose: () => void }) {
  const [chat, actions] = useChat();
  const people = useChatPeople();
  const [, setParams] = useSearchParams();
  const [pins, setPins] = createSignal<Message[] | null>(null);
  const [error, setError] = createSignal("");
  const mayUnpin = () => actions.kind === "conversation" || canModerate(people.self());
  let panel!: HTMLElement;

  onMount(() => {
    listPins(actions.target).then(setPins, (e: Error) => setError(e.message));
    const away = (e: MouseEvent) => !panel.contains(e.target as Node) && !(e.target as Element).closest?.("[data-pins-button]") && props.onClose();
    const escape = (e: KeyboardEvent) => e.key === "Escape" && props.onClose();
    document.addEventListener("mousedown", away);
    document.addEventListener("keydown", escape);
    onCleanup(() => (document.removeEventListener("mousedown", away), document.removeEventListener("keydown", escape)));
  });

  // a pin or unpin heard live (or made here) changes the loaded message in the store: the list follows it
  createEffect(() => {
    const list = pins();
    if (!list) return;
    let next = list;
    for (const m of chat.messages) {
      if (m.status) continue;
      const at = next.findIndex((p) => p.id === m.id);
      if (m.pinned && at === -1) next = [m, ...next];
      else if (!m.pinned && at !== -1) next = next.filter((p) => p.id !== m.id);
      else if (at !== -1 && next[at].version < m.version) next = next.map((p) => (p.id === m.id ? m : p));
    }
    if (next !== list) setPins(next);
  });

  const unpin = (m: Message) =>
    actions.pin(m.id, false).then(() => setPins((l) => l?.filter((p) => p.id !== m.id) ?? null), (e: Error) => setError(e.message));

  return (
    <section ref={panel} role="dialog" aria-label="Pinned messages"
      class="absolute right-2 top-12 z-30 grid max-h-[70vh] w-[min(420px,calc(100vw-1rem))] grid-rows-[auto_1fr] overflow-hidden rounded-md border border-line bg-surface shadow-xl">
      <h2 class="border-b border-line px-4 py-3 font-semibold">Pinned messages</h2>
      <div class="overflow-y-auto p-2">
        <Show when={!error()} fallback={<p class="form-error p-2" role="alert">{error()}</p>}>
          <Show when={pins()} fallback={<p class="p-2 text-sm text-muted">Loading pins…</p>}>
            {(list) => (
              <Show when={list().length} fallback={<p class="p-4 text-center text-sm text-muted">This chat has no pinned messages yet.</p>}>
                <ul class="grid gap-2" aria-label="Pinned">
                  <For each={list()}>
                    {(m) => (
                      <li class="rounded border border-line p-2" data-pinned-id={m.id}>
                        <div class="flex items-center gap-2">
                          <Avatar name={m.member.profile.name} src={m.member.profile.imageUrl} size={24} />
                          <span class="truncate text-sm font-semibold">{m.member.profile.name}</span>
                          <time class="text-xs text-muted" datetime={m.createdAt}>{messageTime(m.createdAt)}</time>
                          <span class="flex-1" />
                          <button type="button" class="text-xs text-brand hover:underline" onClick={() => (setParams({ message: m.id }), props.onClose())}>Jump</button>
                          <Show when={mayUnpin()}>
                            <button type="button" class="text-xs text-muted hover:text-danger" aria-label={`Unpin message by ${m.member.profile.name}`} onClick={() => unpin(m)}>Unpin</button>
                          </Show>
                        </div>
                        <p class="mt-1 whitespace-pre-wrap break-words text-sm" data-testid="pinned-content">{m.content || (m.fileUrl ? "A file" : "")}</p>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            )}
          </Show>
        </Show>
      </div>
    </section>
  );
}
