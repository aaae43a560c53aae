// What a room keeps on each socket, and how it writes an event.
import type { FrameData, RoomFrame, RoomKindName } from "../contract";

/**
 * Kept on the socket itself (its attachment), so a room that wakes from hibernation still knows who each socket is
 * and who is online. A socket has a state once it is let in.
 */
export interface SocketState {
  profileId: string;
  /** the sign-in session whose ticket opened it: when that session ends, the socket goes (absent: an older socket) */
  sessionId?: string;
  /** when the room asks the database again whether this person may still be here (ms since the epoch) */
  checkAt: number;
  /** from the ticket: the room's kind, the person's member id here and name (absent for an older ticket) */
  kind?: RoomKindName;
  memberId?: string;
  name?: string;
  /** when this socket's typing was last relayed: the throttle is per person, over all their sockets here */
  typedAt?: number;
  /** its going was already told (a removal, or a close after an error): it tells nobody twice */
  gone?: boolean;
}

/** One event as the text a room sends, its key and data checked together against contract/room.ts's RoomFrame. */
export const frame = <K extends RoomFrame["key"]>(key: K, data: FrameData<K>) => JSON.stringify({ key, data });

/** The re-check's due list: the people whose trust ran out (within a second of `now`), and when the next one's does. */
export function dueForCheck<C extends { state?: SocketState | null }>(conns: Iterable<C>, now: number) {
  const due = new Map<string, C[]>();
  let next = Infinity;
  for (const conn of conns) {
    const state = conn.state;
    if (!state) continue;
    if (state.checkAt <= now + 1000) due.set(state.profileId, [...(due.get(state.profileId) ?? []), conn]);
    else next = Math.min(next, state.checkAt);
  }
  return { due, next };
}

/** How long a socket is trusted before the room re-checks its person's access: the setting, else a ticket's lifetime. */
export function recheckMsOf(setting: string | undefined, ticketSeconds: number): number {
  const seconds = Number(setting);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : ticketSeconds) * 1000;
}

/** The room's one alarm (its re-check), set no later than asked, without asking storage each time. */
export class AlarmClock {
  /** the alarm set, as far as this instance knows (undefined: ask storage) */
  #at?: number;

  constructor(private readonly storage: DurableObjectStorage) {}

  async noLaterThan(at: number): Promise<void> {
    this.#at ??= (await this.storage.getAlarm()) ?? Infinity;
    if (at >= this.#at) return;
    this.#at = at;
    await this.storage.setAlarm(at);
  }

  /** The alarm went off: none is set now. */
  rang(): void {
    this.#at = undefined;
  }
}
