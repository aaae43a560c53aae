// What a room sends, batched. A send costs the room about the same whether the text frame carries one event or ten
// (docs/PERFORMANCE.md, "Where a send's time goes"), so the events due for a socket at one moment go out as one
// text frame: a JSON array in the order they were sent (../shared contract: "a lone event is never wrapped").
// Nothing here waits for company: the room sends the first event at once and batches only what piled up behind a
// send loop that was running (party/room.ts). A server's activity events are the exception, paced to once a
// second (`Pacer`). Pure: no timers, no sockets; unit-tested beside.

/** One event's frame, for every socket of the room but `except` (the socket that typed, say). */
export interface Outgoing<S> {
  frame: string;
  except?: S;
}

/** The text frame for these events: the event itself when it is alone, else an array of them, in order. */
export const joinFrames = (frames: readonly string[]): string => (frames.length === 1 ? frames[0] : `[${frames.join(",")}]`);

/**
 * Who gets which text frame: every socket gets the events due for it, in order, as one frame. Almost always that is
 * one text for all sockets (built once); only the few sockets left out of an event get a text of their own.
 */
export function planSends<S>(due: readonly Outgoing<S>[], sockets: readonly S[]): { text: string; to: S[] }[] {
  if (due.length === 0 || sockets.length === 0) return [];
  const left = new Set<S>();
  for (const d of due) if (d.except !== undefined) left.add(d.except);
  const everyone = left.size === 0 ? sockets.slice() : sockets.filter((s) => !left.has(s));
  const plans = everyone.length ? [{ text: joinFrames(due.map((d) => d.frame)), to: everyone }] : [];
  for (const socket of left) {
    if (!sockets.includes(socket)) continue;
    const own = due.filter((d) => d.except !== socket).map((d) => d.frame);
    if (own.length) plans.push({ text: joinFrames(own), to: [socket] });
  }
  return plans;
}

/**
 * Passive events (a server's activity: unread badges and mention counts for every member) go out at most once per
 * `intervalMs`, all that came in between together: the first at once, then what arrives within the interval at its
 * end. None is dropped or reordered; only its moment moves, by less than the interval.
 */
export class Pacer {
  #last = -Infinity;
  #held: string[] = [];

  constructor(readonly intervalMs: number) {}

  /** An event arrives at `now`: what to send now (it, with whatever waited), or nothing and when to come back. */
  push(frame: string, now: number): { send: string[]; wakeAt?: number } {
    this.#held.push(frame);
    if (now - this.#last >= this.intervalMs) return { send: this.take(now) };
    return { send: [], wakeAt: this.#last + this.intervalMs };
  }

  /** The interval is over (the room's timer fired): everything held, in order. */
  take(now: number): string[] {
    if (this.#held.length === 0) return [];
    this.#last = now;
    return this.#held.splice(0);
  }

  get waiting(): number {
    return this.#held.length;
  }
}
