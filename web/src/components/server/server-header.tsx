// The server's name at the top of the sidebar, opening the server menu. The menu's code (Kobalte's menu and
// floating-ui weigh more than the rest of the first page) is fetched only when the button is pointed at,
// focused or pressed; until it is ready a look-alike button stands in, remembers a press and hands on the focus.
import { createSignal, lazy, Show, Suspense } from "solid-js";
import ChevronDown from "lucide-solid/icons/chevron-down";
import type { Member, ServerView } from "../../../../contract/types";
import { headerButton } from "./header-button";

const ServerMenu = lazy(() => import("./server-menu"));

export function ServerHeader(props: { server: ServerView; self: Member | undefined; isOwner: boolean }) {
  const [wanted, setWanted] = createSignal(false);
  const [ready, setReady] = createSignal(false);
  const [open, setOpen] = createSignal(false);
  let standIn: HTMLButtonElement | undefined;

  function onReady(trigger: HTMLElement) {
    const focused = document.activeElement === standIn;
    setReady(true);
    if (focused) trigger.focus();
  }

  return (
    <>
      <Show when={!ready()}>
        <button
          ref={standIn}
          type="button"
          class={headerButton}
          aria-haspopup="menu"
          aria-expanded="false"
          onPointerEnter={() => setWanted(true)}
          onFocus={() => setWanted(true)}
          onClick={() => (setWanted(true), setOpen(true))}
        >
          <span class="truncate">{props.server.name}</span>
          <ChevronDown size={18} />
        </button>
      </Show>
      <Show when={wanted()}>
        <Suspense>
          <ServerMenu server={props.server} self={props.self} isOwner={props.isOwner} open={open()} onOpenChange={setOpen} onReady={onReady} />
        </Suspense>
      </Show>
    </>
  );
}
