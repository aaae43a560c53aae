// One PartySocket per room. Every (re)connection fetches a fresh ticket, since a ticket expires and is bound to
// one room; until the first ticket arrives, or whenever the socket is down, the chat polls instead. Frames are
// handed on event by event (`{ key, data }`; a frame may carry several, in order), and each listener routes them by key; a close with CLOSE_REMOVED (4003)
// means its person lost access, and the socket stays closed.
import PartySocket from "partysocket";
import { CLOSE_REMOVED, parseRoomFrames } from "../../../contract/room";
import type { RoomFrame, SocketFrame } from "../../../contract/room";
import type { Ticket } from "../../../contract/types";
import { getTicket } from "../lib/api";

export interface RoomHandlers {
  /** every `{ key, data }` frame of the room; keys a listener does not know are its to ignore */
  onFrame(frame: RoomFrame): void;
  onOpen(): void;
  onDown(): void;
  /** the room put this person out (left, kicked, banned, the room deleted): no reconnection follows */
  onRemoved?(): void;
}

const isFresh = (t: Ticket) => Date.parse(t.expiresAt) - Date.now() > 20_000;

/** The connection: call it to close; `send` puts a frame on the socket if it is open (else it is dropped). */
export type RoomConnection = (() => void) & { send(frame: SocketFrame): void };

/** Connects to the room and keeps reconnecting until the returned function is called or the room says 4003. */
export function connectRoom(roomId: string, handlers: RoomHandlers): RoomConnection {
  let socket: PartySocket | undefined;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let spare: Ticket | undefined;

  async function start() {
    try {
      // the first ticket tells where the room lives; later ones are fetched by partysocket's query function
      spare = await getTicket(roomId);
    } catch {
      if (!closed) retry = setTimeout(start, 3000);
      return;
    }
    if (closed) return;
    socket = new PartySocket({
      host: spare.host,
      party: spare.party,
      room: spare.room,
      query: async () => {
        const ticket = spare && isFresh(spare) ? spare : await getTicket(roomId);
        spare = undefined;
        return { ticket: ticket.ticket };
      },
      minReconnectionDelay: 1000,
      maxReconnectionDelay: 5000,
    });
    socket.addEventListener("open", () => handlers.onOpen());
    socket.addEventListener("close", (e: CloseEvent) => {
      handlers.onDown();
      if (e.code === CLOSE_REMOVED) {
        closed = true;
        socket?.close();
        handlers.onRemoved?.();
      }
    });
    socket.addEventListener("error", () => handlers.onDown());
    socket.addEventListener("message", (e: MessageEvent) => {
      // one event, or several batched in one frame: each is handed on in order
      for (const frame of parseRoomFrames(e.data)) handlers.onFrame(frame);
    });
  }

  void start();
  const close = () => {
    closed = true;
    clearTimeout(retry);
    socket?.close();
  };
  return Object.assign(close, {
    send(frame: SocketFrame) {
      if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
    },
  });
}
