// A room client for tests: a real WebSocket to the worker's rooms, collecting the frames it receives.
import WebSocket from "ws";
import { parseRoomFrames } from "../contract";
import type { Message, Ticket } from "../contract";

/**
 * An event as a test reads it: any key, its data typed as the test expects (a test of frames it does not control
 * must not narrow by contract/room.ts's RoomFrame, which would hide a wrong key behind a type error).
 */
export interface RoomEvent<T = Message> {
  key: string;
  data: T;
}
import { call } from "./helpers";
import type { Person } from "./helpers";

export interface RoomClient {
  /** every event received, in order (a frame may carry several) */
  frames: RoomEvent[];
  /** the text frames themselves, with the time each arrived */
  raw: { text: string; at: number }[];
  /** which of the room's objects took the socket (the room itself, or one of its relays, `<room>~<k>`) */
  object?: string;
  /** resolves with the first frame (counting from `from`) that matches */
  next(match: (e: RoomEvent) => boolean, timeoutMs?: number): Promise<RoomEvent>;
  closed: Promise<{ code: number; reason: string }>;
  send(data: string): void;
  close(): void;
}

/** A ticket for the room, from the suite's worker or, with `base`, another (its rooms are its own). */
export async function ticketFor(person: Person, room: string, base?: string): Promise<Ticket> {
  const res = await call<Ticket>(`/api/realtime/ticket?room=${room}`, { token: person.token, base });
  if (res.status !== 200) throw new Error(`ticket refused: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export const roomUrl = (t: { host: string; party: string; room: string }, ticket?: string) =>
  `ws://${t.host}/parties/${t.party}/${t.room}${ticket === undefined ? "" : `?ticket=${encodeURIComponent(ticket)}`}`;

/** Opens a socket; rejects with the HTTP status when the room refuses the upgrade. */
export function openRoom(url: string): Promise<RoomClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const frames: RoomEvent[] = [];
    const raw: { text: string; at: number }[] = [];
    let object: string | undefined;
    ws.once("upgrade", (res) => (object = String(res.headers["x-edgecord-room-object"] ?? "")));
    const waiters: (() => void)[] = [];
    ws.on("message", (data) => {
      raw.push({ text: String(data), at: Date.now() });
      frames.push(...(parseRoomFrames(String(data)) as RoomEvent[]));
      waiters.splice(0).forEach((w) => w());
    });
    // Closed when the room's close frame arrives. workerd answers the closing handshake of a hibernatable socket
    // but ends the TCP connection only much later, and `ws` (unlike a browser, which gives up after a short wait)
    // fires "close" only then, up to 30 s on; its receiver's "conclude" is the close frame itself.
    const closed = new Promise<{ code: number; reason: string }>((r) => {
      ws.on("close", (code, reason) => r({ code, reason: String(reason) }));
      ws.once("open", () =>
        (ws as unknown as { _receiver: NodeJS.EventEmitter })._receiver.once("conclude", (code: number, reason: Buffer) => {
          r({ code, reason: String(reason) });
          setImmediate(() => ws.terminate());
        }),
      );
    });
    ws.on("unexpected-response", (_req, res) => reject(Object.assign(new Error(`refused with ${res.statusCode}`), { status: res.statusCode })));
    ws.on("error", (err) => reject(err));
    ws.on("open", () =>
      resolve({
        frames,
        raw,
        object,
        closed,
        send: (d) => ws.send(d),
        close: () => ws.close(),
        next(match, timeoutMs = 5000) {
          return new Promise((res, rej) => {
            const check = () => {
              const hit = frames.find(match);
              if (hit) {
                clearTimeout(timer);
                res(hit);
                return true;
              }
              return false;
            };
            const timer = setTimeout(() => rej(new Error(`no matching frame in ${timeoutMs} ms; got ${JSON.stringify(frames.map((f) => f.key))}`)), timeoutMs);
            if (!check()) {
              const wait = () => {
                if (!check()) waiters.push(wait);
              };
              waiters.push(wait);
            }
          });
        },
      }),
    );
  });
}

export async function join(person: Person, room: string, base?: string): Promise<RoomClient> {
  const t = await ticketFor(person, room, base);
  return openRoom(roomUrl(t, t.ticket));
}
