// A room past one Durable Object. One object runs on one thread, and a send costs it the same ~20 µs whatever else
// it does (docs/PERFORMANCE.md), so a room whose sockets outgrow one object spreads them over relay objects of the
// same class, named `<roomId>~<k>`: the room's own object (its root) keeps the commit order, the pacing and the
// placement, and hands every event to its relays, which send it to their sockets. Below `ROOM_RELAY_SOCKETS`
// sockets a room has no relay. docs/ARCHITECTURE.md, "Relays", draws it. Pure: no storage, no sockets.

export const RELAY_SOCKETS_DEFAULT = 5000;
const MARK = "~";

/** The room a relay serves (a root is its own). */
export const rootOf = (name: string) => (name.includes(MARK) ? name.slice(0, name.indexOf(MARK)) : name);
export const relayName = (root: string, k: number) => `${root}${MARK}${k}`;
/** Relay k's index, or undefined for a root. */
export function relayIndex(name: string): number | undefined {
  const at = name.indexOf(MARK);
  if (at < 0) return undefined;
  const k = Number(name.slice(at + 1));
  return Number.isInteger(k) && k >= 0 ? k : undefined;
}
/** A room id as a client may name it: relays are reached only through their root's placement. */
export const isRoomId = (name: string) => name.length > 0 && !name.includes(MARK);

/** The setting (sockets one object holds before relays take the rest), or the default for anything unusable. */
export function relayThreshold(setting: string | undefined): number {
  const n = Number(setting);
  return Number.isInteger(n) && n > 0 ? n : RELAY_SOCKETS_DEFAULT;
}

/**
 * Where a new socket goes: the root while it has room and no relay yet (a small room works as it always did); else
 * the relay this person was placed on before, while it has room (one person's tabs share one relay: presence and
 * typing stay local); else the least filled relay with room; else a new relay. `counts[k]` is relay k's sockets.
 */
export function placeSocket(p: { threshold: number; rootSockets: number; counts: readonly number[]; before?: number }): "root" | number {
  if (p.counts.length === 0 && p.rootSockets < p.threshold) return "root";
  if (p.before !== undefined && p.before < p.counts.length && p.counts[p.before] < p.threshold) return p.before;
  let best = -1;
  p.counts.forEach((n, k) => {
    if (n < p.threshold && (best < 0 || n < p.counts[best])) best = k;
  });
  return best >= 0 ? best : p.counts.length;
}

/**
 * The root's links to its relays: one call in flight per relay, and what comes meanwhile goes with the next call,
 * so events reach each relay in the order the root let them out, batched the way a socket's frames are. A relay that
 * cannot be reached loses those events (its clients catch up over HTTP, as after any lost notice).
 */
export class RelayLinks<Stub extends { relay(frames: string[]): Promise<void> | void }> {
  #waiting = new Map<number, string[]>();
  #busy = new Set<number>();

  constructor(private readonly stubOf: (k: number) => Stub, private readonly onError: (k: number, err: unknown) => void) {}

  send(k: number, frames: readonly string[]): void {
    if (frames.length === 0) return;
    const queue = this.#waiting.get(k) ?? [];
    queue.push(...frames);
    this.#waiting.set(k, queue);
    if (!this.#busy.has(k)) void this.#pump(k);
  }

  async #pump(k: number) {
    this.#busy.add(k);
    try {
      for (let next = this.#take(k); next.length > 0; next = this.#take(k)) {
        try {
          await this.stubOf(k).relay(next);
        } catch (err) {
          this.onError(k, err);
        }
      }
    } finally {
      this.#busy.delete(k);
    }
  }

  #take(k: number): string[] {
    const frames = this.#waiting.get(k) ?? [];
    this.#waiting.delete(k);
    return frames;
  }
}
