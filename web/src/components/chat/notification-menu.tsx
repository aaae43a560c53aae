// The chat header's notification menu: this channel's or conversation's level (all / mentions / nothing), and the
// switch for desktop notifications, which asks the browser only when clicked. Loaded on the first click.
import { createSignal, For, onCleanup, onMount, Show } from "solid-js";
import type { NotificationLevel } from "../../../../contract/types";
import type { ChatTarget } from "../../lib/api";
import { askPermission, levelOf, permission, setLevel } from "../../state/notifications";

const choices: { level: NotificationLevel; label: string }[] = [
  { level: "all", label: "All messages" },
  { level: "mentions", label: "Only @mentions" },
  { level: "none", label: "Nothing" },
];

export default function NotificationMenu(props: { target: ChatTarget; onClose: () => void }) {
  const room = () => ({ roomId: props.target.roomId, serverId: props.target.kind === "channel" ? props.target.serverId : null });
  const [level, setShown] = createSignal(levelOf(room()));
  const [allowed, setAllowed] = createSignal(permission());
  const [error, setError] = createSignal("");
  let menu!: HTMLDivElement;

  onMount(() => {
    const away = (e: MouseEvent) => !menu.contains(e.target as Node) && !(e.target as Element).closest?.("[data-notify-button]") && props.onClose();
    const escape = (e: KeyboardEvent) => e.key === "Escape" && props.onClose();
    document.addEventListener("mousedown", away);
    document.addEventListener("keydown", escape);
    onCleanup(() => (document.removeEventListener("mousedown", away), document.removeEventListener("keydown", escape)));
    menu.querySelector<HTMLElement>("[aria-checked=true]")?.focus();
  });

  const enable = async () => setAllowed(await askPermission());
  const choose = async (next: NotificationLevel) => {
    setShown(next);
    setError("");
    try {
      await setLevel(props.target.roomId, next);
      // a level that lets something through is the moment to ask for desktop notifications (this is a click)
      if (next !== "none") await enable();
    } catch (e) {
      setShown(levelOf(room()));
      setError((e as Error).message);
    }
  };

  return (
    <div ref={menu} role="menu" aria-label="Notification settings"
      class="absolute right-2 top-12 z-30 grid w-64 gap-0.5 rounded-md border border-line bg-raised p-1.5 text-sm shadow-xl">
      <p class="px-2 pb-1 pt-0.5 text-xs font-semibold uppercase text-muted">Notify me about</p>
      <For each={choices}>
        {(c) => (
          <button type="button" role="menuitemradio" aria-checked={level() === c.level}
            class="flex items-center justify-between rounded px-2 py-1.5 text-left hover:bg-brand hover:text-white focus:bg-brand focus:text-white focus:outline-none"
            onClick={() => void choose(c.level)}>
            {c.label}
            <span aria-hidden="true">{level() === c.level ? "●" : ""}</span>
          </button>
        )}
      </For>
      <div class="my-1 border-t border-line" />
      <Show when={allowed() === "default"}>
        <button type="button" role="menuitem" class="rounded px-2 py-1.5 text-left hover:bg-brand hover:text-white" onClick={() => void enable()}>
          Enable desktop notifications
        </button>
      </Show>
      <Show when={allowed() === "granted"}><p class="px-2 py-1 text-xs text-muted">Desktop notifications are on.</p></Show>
      <Show when={allowed() === "denied"}><p class="px-2 py-1 text-xs text-muted">Desktop notifications are blocked in this browser's settings.</p></Show>
      <Show when={error()}><p class="form-error px-2" role="alert">{error()}</p></Show>
    </div>
  );
}
