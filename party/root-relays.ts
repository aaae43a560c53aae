// A room root's side of its relays (party/relays.ts): where new sockets go, the ordered link to each relay, and who is
// on which relay (party/relay-book.ts). A root that never outgrew its threshold has no relay, and all of this costs
// it one storage read per wake.
import type { Removal } from "../contract";
import { RelayBook } from "./relay-book";
import { RelayLinks } from "./relays";

/** What a root asks of a relay (the room class's own RPC methods). */
export interface RelayStub {
  relay(frames: string[]): Promise<void> | void;
  remove(removal: Removal): Promise<number>;
}

export class RootRelays {
  readonly book: RelayBook;
  #links: RelayLinks<RelayStub>;
  /** sockets placed on the root itself that have not connected yet (memory only: a wake starts from none) */
  #coming = 0;

  constructor(storage: DurableObjectStorage, private readonly stubOf: (k: number) => RelayStub, private readonly warn: (what: string) => void) {
    this.book = new RelayBook(storage);
    this.#links = new RelayLinks(stubOf, (k, err) => warn(`relay ${k} missed events (its clients catch up): ${(err as Error).message}`));
  }

  /** Where a new socket goes; sockets placed on the root and still on their way count as there, so a crowd spreads. */
  async place(profileId: string, threshold: number, rootSockets: number): Promise<"root" | number> {
    const k = await this.book.place(profileId, threshold, rootSockets + this.#coming);
    if (k === "root") this.#coming++;
    return k;
  }

  /** A socket reached the root. */
  arrived(): void {
    if (this.#coming > 0) this.#coming--;
  }

  /** Hands these frames to every relay with sockets, but `from` (the relay they came from). */
  forward(frames: string[], from?: number): void {
    for (const k of this.book.live()) if (k !== from) this.#links.send(k, frames);
  }

  /** Puts the removed out of every relay too; answers how many sockets closed there. */
  async remove(removal: Removal): Promise<number> {
    const counts = await Promise.all(
      this.book.live().map((k) =>
        this.stubOf(k)
          .remove(removal)
          .catch((err: Error) => (this.warn(`relay ${k} not told of a removal (its re-check will do it): ${err.message}`), 0)),
      ),
    );
    return counts.reduce((a, b) => a + b, 0);
  }
}
