// Tells PartyKit rooms what happened. Never throws: the database is the source of truth, and a client that
// missed an event catches up over HTTP, so a failed notification must not fail the write.
import type { Bindings } from "./env";
import { roomPath } from "../contract";

const TIMEOUT_MS = 3000;

function roomUrl(env: Bindings, roomId: string): string {
  const host = env.PARTYKIT_HOST;
  const local = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host);
  return `${local ? "http" : "https"}://${host}${roomPath(roomId)}`;
}

/** The header naming the room's previous write (see previousVersion in db/queries/messages.ts). */
export const AFTER_HEADER = "x-edgecord-after";

/**
 * POSTs a ready-made JSON body to a room; logs and swallows every failure. `after`, for a message event, is the
 * version of the room's write before this one, which lets the room keep events in commit order.
 */
export async function postToRoom(env: Bindings, roomId: string, body: string, after?: number): Promise<boolean> {
  if (!env.REALTIME_SECRET || !env.PARTYKIT_HOST) {
    console.warn("realtime is not configured (REALTIME_SECRET, PARTYKIT_HOST); room not told");
    return false;
  }
  try {
    const headers: Record<string, string> = { authorization: `Bearer ${env.REALTIME_SECRET}`, "content-type": "application/json" };
    if (after !== undefined) headers[AFTER_HEADER] = String(after);
    const res = await fetch(roomUrl(env, roomId), { method: "POST", headers, body, signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!res.ok) console.warn(`room ${roomId} answered ${res.status} to a notification`);
    // read to the end (a few bytes), so the connection goes back to the pool instead of being closed
    await res.arrayBuffer();
    return res.ok;
  } catch (err) {
    console.warn(`room ${roomId} could not be told:`, (err as Error).message);
    return false;
  }
}

/** `{ key, data }` for every socket of the room; the body is stringified once. */
export const notifyRoom = (env: Bindings, roomId: string, key: string, data: unknown, after?: number) =>
  postToRoom(env, roomId, JSON.stringify({ key, data }), after);

/** The same, with `data` already JSON (the text the HTTP answer carries), so nothing is stringified twice. */
export const notifyRoomJson = (env: Bindings, roomId: string, key: string, dataJson: string, after?: number) =>
  postToRoom(env, roomId, `{"key":${JSON.stringify(key)},"data":${dataJson}}`, after);

/** Closes the sockets of people who lost access to these rooms (or of everyone, with `all`). */
export const closeInRooms = (env: Bindings, roomIds: string[], close: { profileIds?: string[]; all?: boolean }) =>
  Promise.all(roomIds.map((roomId) => postToRoom(env, roomId, JSON.stringify({ close })))).then(() => undefined);

/** After a write that removed access: close the affected sockets without delaying the answer. */
export function closeLater(
  ctx: { waitUntil(p: Promise<unknown>): void },
  env: Bindings,
  roomIds: string[],
  close: { profileIds?: string[]; all?: boolean },
): void {
  if (roomIds.length > 0) ctx.waitUntil(closeInRooms(env, roomIds, close));
}
