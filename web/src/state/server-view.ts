// The server on screen (/servers/:serverId): its view and the caller's membership in it, kept current by the
// server's room while the server layout is mounted.
import { createEffect, on, onCleanup } from "solid-js";
import { useParams } from "@solidjs/router";
import { serverKey } from "../../../contract/room";
import type { ServerView } from "../../../contract/types";
import { useMe } from "./me-context";
import { createServerQuery, lostServer, refreshServer, storeServerView } from "./queries";
import { listenServerRoom } from "./server-room";

export function useServerView() {
  const params = useParams<{ serverId: string }>();
  const me = useMe();
  const server = createServerQuery(() => params.serverId);
  const self = () => server.data?.members.find((m) => m.profileId === me().id);
  return { server, self };
}

/** The server's room says when channels, members or roles change, so the sidebar follows without a reload. */
export function followServerRoom() {
  const params = useParams<{ serverId: string }>();
  const me = useMe();
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
            lostServer(serverId);
          },
          // frames may have gone by while the socket was down
          onOpen: () => void refreshServer(serverId),
        });
        onCleanup(() => room.release());
      },
    ),
  );
}
