// One server: its sidebar beside the chat (in a drawer on a phone), Ctrl/⌘+K search, and the default channel.
import { createEffect, lazy, Match, on, onCleanup, Show, Switch, type JSX } from "solid-js";
import { A, Navigate, useLocation, useParams } from "@solidjs/router";
import { RESERVED_CHANNEL } from "../../../contract/limits";
import { useMe } from "../state/me-context";
import { useModal } from "../state/modal-context";
import { followServerRoom, useServerView } from "../state/server-view";
import { drawerOpen, setDrawerOpen } from "../state/layout";
import { ServerSidebar } from "../components/server/server-sidebar";
import { Spinner } from "../components/ui/spinner";
import { closeSearch, searchResults } from "../state/message-search";

const MobileDrawer = lazy(() => import("../components/mobile-drawer"));
// the results panel loads with the first search
const SearchPanel = lazy(() => import("../components/search/search-panel"));

export function ServerLayout(props: { children?: JSX.Element }) {
  const params = useParams<{ serverId: string }>();
  const location = useLocation();
  const me = useMe();
  const modal = useModal();
  const { server, self } = useServerView();

  const onKey = (e: KeyboardEvent) => {
    if (!((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "k")) return;
    e.preventDefault();
    // an open menu has the keyboard until Escape closes it: search opened over it would leave it open behind
    if (e.target instanceof Element && e.target.closest('[role="menu"]')) return;
    modal.open("search", { serverId: params.serverId });
  };
  document.addEventListener("keydown", onKey);
  onCleanup(() => document.removeEventListener("keydown", onKey));
  createEffect(on(() => location.pathname, () => setDrawerOpen(false), { defer: true }));

  followServerRoom();
  // results belong to the server they were found in
  createEffect(on(() => params.serverId, () => closeSearch(), { defer: true }));
  onCleanup(closeSearch);

  return (
    <Switch fallback={<div class="grid flex-1 place-items-center"><Spinner label="Loading the server" /></div>}>
      <Match when={server.data}>
        {(view) => (
          <>
            <div class="hidden md:flex">
              <ServerSidebar server={view()} self={self()} meId={me().id} />
            </div>
            <div class="flex min-w-0 flex-1">
              <div class="flex min-w-0 flex-1 flex-col bg-surface">{props.children}</div>
              <Show when={searchResults()}><SearchPanel /></Show>
            </div>
            <Show when={drawerOpen()}>
              <MobileDrawer close={() => setDrawerOpen(false)}>
                <ServerSidebar server={view()} self={self()} meId={me().id} />
              </MobileDrawer>
            </Show>
          </>
        )}
      </Match>
      <Match when={server.error}>
        <main class="grid flex-1 place-items-center p-8 text-center">
          <div class="grid gap-3">
            <h1 class="text-xl font-bold">Server not found</h1>
            <p class="text-muted" role="alert">{server.error?.message}</p>
            <A href="/" class="btn-primary justify-self-center">Go home</A>
          </div>
        </main>
      </Match>
    </Switch>
  );
}

/** /servers/:id opens the server's general channel, as Discord opens its first one. */
export function ServerIndex() {
  const { server } = useServerView();
  const first = () => {
    const channels = server.data?.channels ?? [];
    return channels.find((c) => c.name === RESERVED_CHANNEL) ?? channels.find((c) => c.type === "TEXT") ?? channels[0];
  };
  return (
    <Show when={first()} fallback={<p class="m-auto text-muted">This server has no channels yet.</p>}>
      {(channel) => <Navigate href={`/servers/${channel().serverId}/channels/${channel().id}`} />}
    </Show>
  );
}
