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

/** POSTs a ready-made JSON body to a room; logs and swallows every failure. */
export async function postToRoom(env: Bindings, roomId: string, body: string): Promise<boolean> {
  if (!env.REALTIME_SECRET || !env.PARTYKIT_HOST) {
    console.warn("realtime is not configured (REALTIME_SECRET, PARTYKIT_HOST); room not told");
    return false;
  }
  try {
    const res = await fetch(roomUrl(env, roomId), {
      method: "POST",
      headers: { authorization: `Bearer ${env.REALTIME_SECRET}`, "content-type": "application/json" },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) console.warn(`room ${roomId} answered ${res.status} to a notification`);
    await res.body?.cancel();
    return res.ok;
  } catch (err) {
    console.warn(`room ${roomId} could not be told:`, (err as Error).message);
    return false;
  }
}

/** `{ key, data }` for every socket of the room; the body is stringified once. */
export const notifyRoom = (env: Bindings, roomId: string, key: string, data: unknown) =>
  postToRoom(env, roomId, JSON.stringify({ key, data }));

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
