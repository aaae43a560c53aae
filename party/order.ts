// Commit order for a room's message events. Notices can overtake each other on their way to the room (two
// requests, two isolates), but each names the write before it (`after`), so events leave in the order the
// database committed them. An event whose predecessor is missing waits; if that predecessor's notice was lost
// (clients catch up over HTTP), `release` lets everything waiting go, lowest version first.
// Pure: no timers, no I/O. The room owns the clock (party/room.ts) and this is unit-tested beside it.
import type { CommitPlace } from "../contract";

export class CommitOrder<T> {
  /** version of the newest event let out; undefined until the first (a room that restarts orders from there) */
  private sent?: number;
  /** events whose predecessor has not gone out yet */
  private held: { item: T; place: CommitPlace }[] = [];

  get waiting(): number {
    return this.held.length;
  }

  /** The events that may leave now, in order: this one and whatever was waiting for it, or nothing if it waits. */
  push(item: T, place: CommitPlace): T[] {
    if (this.sent !== undefined && place.after > this.sent) {
      this.held.push({ item, place });
      return [];
    }
    const out = [item];
    this.mark(place.version);
    for (let next = this.takeReady(); next; next = this.takeReady()) {
      out.push(next.item);
      this.mark(next.place.version);
    }
    return out;
  }

  /** A predecessor never came: everything waiting, lowest version first. */
  release(): T[] {
    const waiting = this.held.sort((a, b) => a.place.version - b.place.version);
    this.held = [];
    for (const w of waiting) this.mark(w.place.version);
    return waiting.map((w) => w.item);
  }

  private mark(version: number) {
    this.sent = Math.max(this.sent ?? 0, version);
  }

  /** The waiting event, lowest version first, whose predecessor has gone out; removed from the hold. */
  private takeReady() {
    let best = -1;
    this.held.forEach((h, i) => {
      if (h.place.after <= this.sent! && (best < 0 || h.place.version < this.held[best].place.version)) best = i;
    });
    return best < 0 ? undefined : this.held.splice(best, 1)[0];
  }
}
