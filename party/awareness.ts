// What a room needs to relay typing and keep presence, kept pure (no sockets, no clock) so it is unit-tested beside:
// reading the one frame a socket may send, the typing throttle, who a socket is (from the door's headers) and who
// is online (from the sockets' own states, which survive hibernation).
import { ROOM_KINDS, TYPING_INTERVAL_MS } from "../contract";
import type { RoomKindName, SocketFrame } from "../contract";
import { ROOM_HEADERS } from "./headers";

/** Longer than any frame a client may send (`{"type":"typing"}` is 17 characters): dropped unread. */
export const SOCKET_FRAME_MAX = 64;

/** The frame a socket sent, if it is one a socket may send; anything else (junk, binary, big, other JSON) is undefined. */
export function parseSocketFrame(message: unknown): SocketFrame | undefined {
  if (typeof message !== "string" || message.length > SOCKET_FRAME_MAX) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  return keys.length === 1 && (value as { type?: unknown }).type === "typing" ? { type: "typing" } : undefined;
}

/** Whether a person's typing may be relayed now, given when it last was (0: never). */
export const typingDue = (lastAt: number, now: number) => now - lastAt >= TYPING_INTERVAL_MS;

/** Who a socket is in its room, beyond its profile: what the ticket said. */
export interface Identity {
  kind?: RoomKindName;
  memberId?: string;
  name?: string;
}

export function identityOf(headers: Headers): Identity {
  const kind = headers.get(ROOM_HEADERS.kind) as RoomKindName | null;
  const memberId = headers.get(ROOM_HEADERS.member);
  let name: string | undefined;
  try {
    name = decodeURIComponent(headers.get(ROOM_HEADERS.name) ?? "") || undefined;
  } catch {
    name = undefined;
  }
  return {
    ...(kind && ROOM_KINDS.includes(kind) ? { kind } : {}),
    ...(memberId ? { memberId } : {}),
    ...(name ? { name } : {}),
  };
}

/** The people online, once each, from the states of the open sockets (a socket without a state is not let in yet). */
export function onlineOf(states: Iterable<{ profileId: string; gone?: boolean } | null | undefined>): string[] {
  const online = new Set<string>();
  for (const state of states) if (state?.profileId && !state.gone) online.add(state.profileId);
  return [...online];
}
