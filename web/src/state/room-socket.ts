// One PartySocket per chat room. Every (re)connection fetches a fresh ticket, since a ticket expires and is
// bound to one room; until the first ticket arrives, or whenever the socket is down, the chat polls instead.
import PartySocket from "partysocket";
import type { RoomEvent, Ticket } from "../../../contract/types";
import { getTicket } from "../lib/api";

export interface RoomHandlers {
  onFrame(event: RoomEvent): void;
  onOpen(): void;
  onDown(): void;
  /** any other `{ key, data }` frame, such as a server room's `chat:<serverId>:voice` */
  onOther?(key: string, data: object): void;
}

const isFresh = (t: Ticket) => Date.parse(t.expiresAt) - Date.now() > 20_000;

/** Connects to the room and keeps reconnecting until the returned function is called. */
export function connectRoom(roomId: string, handlers: RoomHandlers): () => void {
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
    socket.addEventListener("close", () => handlers.onDown());
    socket.addEventListener("error", () => handlers.onDown());
    socket.addEventListener("message", (e: MessageEvent) => {
      if (typeof e.data !== "string") return;
      let frame: unknown;
      try {
        frame = JSON.parse(e.data);
      } catch {
        return;
      }
      const f = frame as Partial<RoomEvent>;
      if (typeof f?.key !== "string" || !f.data || typeof f.data !== "object") return;
      if (typeof f.data.id === "string") handlers.onFrame(f as RoomEvent);
      else handlers.onOther?.(f.key, f.data);
    });
  }

  void start();
  return () => {
    closed = true;
    clearTimeout(retry);
    socket?.close();
  };
}
