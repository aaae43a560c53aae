// The room of a server (its id is the server's id): one socket per server for the whole page, however many
// parts of it listen (each voice channel's list of people, in the sidebar and in the phone drawer's copy).
import { createSignal, type Accessor } from "solid-js";
import { connectRoom } from "./room-socket";
import type { RoomFrame } from "../../../contract/room";

export interface ServerRoomListener {
  /** every `{ key, data }` frame of the room; listeners pick the keys they know */
  onEvent(frame: RoomFrame): void;
  /** the socket (re)opened: frames may have gone by while it was down */
  onOpen?(): void;
}

interface Shared {
  listeners: Set<ServerRoomListener>;
  live: Accessor<boolean>;
  close: () => void;
  idle?: ReturnType<typeof setTimeout>;
}

const rooms = new Map<string, Shared>();

function open(serverId: string): Shared {
  const listeners = new Set<ServerRoomListener>();
  const [live, setLive] = createSignal(false);
  const close = connectRoom(serverId, {
    onFrame: (frame) => listeners.forEach((l) => l.onEvent(frame)),
    onOpen: () => {
      setLive(true);
      listeners.forEach((l) => l.onOpen?.());
    },
    onDown: () => setLive(false),
  });
  return { listeners, live, close };
}

/** Listens to the server's room until `release` is called; `live` says whether its socket is open. */
export function listenServerRoom(serverId: string, listener: ServerRoomListener) {
  let room = rooms.get(serverId);
  if (!room) rooms.set(serverId, (room = open(serverId)));
  const shared = room;
  clearTimeout(shared.idle);
  shared.listeners.add(listener);
  return {
    live: shared.live,
    release() {
      shared.listeners.delete(listener);
      if (shared.listeners.size) return;
      // a re-rendered sidebar lets go of its lists just before it makes new ones: keep the socket a moment
      shared.idle = setTimeout(() => {
        shared.close();
        rooms.delete(serverId);
      }, 2000);
    },
  };
}
