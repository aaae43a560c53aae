// The server on screen (/servers/:serverId): its view and the caller's membership in it, kept current by the
// server's room while the server layout is mounted.
import { createEffect, on, onCleanup } from "solid-js";
import { useParams } from "@solidjs/router";
import { activityKey, serverKey } from "../../../contract/room";
import { channelActivity, presenceFrame, refreshReadStates } from "./awareness";
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

/**
 * The server's room says when channels, members or roles change, so the sidebar follows without a reload; who is
 * online; and each new message of its channels, for unread marks and mention badges.
 */
export function followServerRoom() {
  const params = useParams<{ serverId: string }>();
  const me = useMe();
  const { self } = useServerView();
  createEffect(
    on(
      () => params.serverId,
      (serverId) => {
        const room = listenServerRoom(serverId, {
          onEvent(frame) {
            presenceFrame(serverId, frame);
            if (frame.key === activityKey(serverId)) return "channelId" in frame.data ? channelActivity(frame.data, self()?.id, serverId) : undefined;
            if (frame.key !== serverKey(serverId)) return;
            const view = frame.data;
            if (view.members.some((m) => m.profileId === me().id)) return storeServerView(view);
            // removed from the server: ask again, which answers that it is gone
            lostServer(serverId);
          },
          // frames may have gone by while the socket was down
          onOpen: () => {
            void refreshServer(serverId);
            void refreshReadStates();
          },
        });
        onCleanup(() => room.release());
      },
    ),
  );
}
