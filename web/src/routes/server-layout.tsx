// One server: its sidebar beside the chat (in a drawer on a phone), Ctrl/⌘+K search, and the default channel.
import { createEffect, lazy, Match, on, onCleanup, Show, Switch, type JSX } from "solid-js";
import { A, Navigate, useLocation, useParams } from "@solidjs/router";
import { RESERVED_CHANNEL } from "../../../contract/limits";
import { useMe } from "../state/me-context";
import { useModal } from "../state/modal-context";
import { createServerQuery, keys, storeServerView } from "../state/queries";
import { queryClient } from "../state/query-client";
import { listenServerRoom } from "../state/server-room";
import { serverKey } from "../../../contract/room";
import type { ServerView } from "../../../contract/types";
import { drawerOpen, setDrawerOpen } from "../state/layout";
import { ServerSidebar } from "../components/server/server-sidebar";
import { Spinner } from "../components/ui/spinner";

const MobileDrawer = lazy(() => import("../components/mobile-drawer"));

export function useServerView() {
  const params = useParams<{ serverId: string }>();
  const me = useMe();
  const server = createServerQuery(() => params.serverId);
  const self = () => server.data?.members.find((m) => m.profileId === me().id);
  return { server, self };
}

export function ServerLayout(props: { children?: JSX.Element }) {
  const params = useParams<{ serverId: string }>();
  const location = useLocation();
  const me = useMe();
  const modal = useModal();
  const { server, self } = useServerView();

  const onKey = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "k") {
      e.preventDefault();
      modal.open("search", { serverId: params.serverId });
    }
  };
  document.addEventListener("keydown", onKey);
  onCleanup(() => document.removeEventListener("keydown", onKey));
  createEffect(on(() => location.pathname, () => setDrawerOpen(false), { defer: true }));

  // the server's room says when channels, members or roles change, so the sidebar follows without a reload
  createEffect(
    on(
      () => params.serverId,
      (serverId) => {
        const room = listenServerRoom(serverId, {
          onEvent(frame) {
            if (frame.key !== serverKey(serverId)) return;
            const view = frame.data as ServerView;
            if (view.members.some((m) => m.profileId === me().id)) return storeServerView(view);
            // removed from the server: ask again, which answers that it is gone
            void queryClient.invalidateQueries({ queryKey: keys.server(serverId) });
            void queryClient.invalidateQueries({ queryKey: keys.servers });
          },
          // frames may have gone by while the socket was down
          onOpen: () => void queryClient.invalidateQueries({ queryKey: keys.server(serverId) }),
        });
        onCleanup(() => room.release());
      },
    ),
  );

  return (
    <Switch fallback={<div class="grid flex-1 place-items-center"><Spinner label="Loading the server" /></div>}>
      <Match when={server.data}>
        {(view) => (
          <>
            <div class="hidden md:flex">
              <ServerSidebar server={view()} self={self()} meId={me().id} />
            </div>
            <div class="flex min-w-0 flex-1 flex-col bg-surface">{props.children}</div>
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
