// One PartySocket per room. Every (re)connection fetches a fresh ticket, since a ticket expires and is bound to
// one room; until the first ticket arrives, or whenever the socket is down, the chat polls instead. Frames are
// handed on whole (`{ key, data }`), and each listener routes them by key; a close with CLOSE_REMOVED (4003)
// means its person lost access, and the socket stays closed.
import PartySocket from "partysocket";
import { CLOSE_REMOVED } from "../../../contract/room";
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

/** A `{ key, data }` frame, or undefined for anything else a room could never have meant. */
function parseFrame(text: unknown): RoomFrame | undefined {
  if (typeof text !== "string") return undefined;
  try {
    const f = JSON.parse(text) as Partial<RoomFrame> | null;
    if (typeof f?.key === "string" && f.data !== null && typeof f.data === "object") return f as RoomFrame;
  } catch {}
  return undefined;
}

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
      const frame = parseFrame(e.data);
      if (frame) handlers.onFrame(frame);
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
