// How the worker's notices leave a room, in time: message events in the order their writes committed (a notice that
// overtook its predecessor waits for it, at most HOLD_MS: party/order.ts), and a server's activity events paced to
// once a second (party/outbox.ts). Everything else leaves at once. `emit` sends what is let out.
import type { CommitPlace } from "../contract";
import { CommitOrder } from "./order";
import { Pacer } from "./outbox";

/** How long an event waits for a predecessor that has not arrived; longer only if that notice was lost. */
const HOLD_MS = 1000;
/** A server's activity events leave at most this often, batched (the contract's "at most once a second"). */
const PASSIVE_MS = 1000;

export class Publisher {
  // in memory only: a room that wakes from hibernation lets its first event out at once and orders from there
  #order = new CommitOrder<string>();
  #holdTimer?: ReturnType<typeof setTimeout>;
  #passive = new Pacer(PASSIVE_MS);
  #passiveTimer?: ReturnType<typeof setTimeout>;

  constructor(private readonly emit: (frames: string[]) => void) {}

  publish(frame: string, place?: CommitPlace): void {
    this.emit(place ? this.#order.push(frame, place) : [frame]);
    if (this.#order.waiting > 0)
      this.#holdTimer ??= setTimeout(() => {
        // a predecessor never came (its notice failed; clients catch up over HTTP): let what waited go, in order
        this.#holdTimer = undefined;
        this.emit(this.#order.release());
      }, HOLD_MS);
    else if (this.#holdTimer) {
      clearTimeout(this.#holdTimer);
      this.#holdTimer = undefined;
    }
  }

  publishPassive(frame: string): void {
    const { send, wakeAt } = this.#passive.push(frame, Date.now());
    this.emit(send);
    if (wakeAt !== undefined && !this.#passiveTimer)
      this.#passiveTimer = setTimeout(() => {
        this.#passiveTimer = undefined;
        this.emit(this.#passive.take(Date.now()));
      }, Math.max(0, wakeAt - Date.now()));
  }
}
