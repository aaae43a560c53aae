// The bar above a chat: the drawer button on a phone, the channel or the person, and the connection indicator.
import { createEffect, onCleanup, Show, type JSX } from "solid-js";
import Menu from "lucide-solid/icons/menu";
import { setDrawerOpen } from "../../state/layout";
import { pageTitle } from "../../lib/title";
import { useSearchPlace } from "../../state/message-search";
import { SearchBox } from "../search/search-box";

export function ChatHeader(props: { icon: JSX.Element; title: string; children?: JSX.Element }) {
  createEffect(() => pageTitle(`${props.title} | Edgecord`));
  onCleanup(() => pageTitle("Edgecord"));
  const place = useSearchPlace();
  return (
    <header class="relative flex h-12 shrink-0 items-center gap-2 border-b border-line px-3 shadow-sm">
      <button type="button" class="icon-btn md:hidden" aria-label="Open navigation" onClick={() => setDrawerOpen(true)}>
        <Menu size={20} />
      </button>
      {props.icon}
      <h1 class="min-w-16 flex-1 truncate font-semibold">{props.title}</h1>
      <Show when={props.children}>{props.children}</Show>
      <Show when={place()}>{(p) => <SearchBox place={p()} />}</Show>
    </header>
  );
}
