// The server's name at the top of the sidebar, opening the server menu. Until the menu's code has arrived
// (it starts loading at once, without holding up the page) a look-alike button stands in and remembers a click.
import { createSignal, lazy, Suspense } from "solid-js";
import ChevronDown from "lucide-solid/icons/chevron-down";
import type { Member, ServerView } from "../../../../contract/types";

const ServerMenu = lazy(() => import("./server-menu"));

export const headerButton =
  "flex h-12 w-full shrink-0 items-center justify-between border-b border-line px-4 font-semibold outline-none hover:bg-hover focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-brand";

export function ServerHeader(props: { server: ServerView; self: Member | undefined; isOwner: boolean }) {
  const [open, setOpen] = createSignal(false);
  return (
    <Suspense
      fallback={
        <button type="button" class={headerButton} aria-haspopup="menu" aria-expanded="false" onClick={() => setOpen(true)}>
          <span class="truncate">{props.server.name}</span>
          <ChevronDown size={18} />
        </button>
      }
    >
      <ServerMenu server={props.server} self={props.self} isOwner={props.isOwner} open={open()} onOpenChange={setOpen} />
    </Suspense>
  );
}
