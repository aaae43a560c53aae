// A room's send loop: the one place frames leave for its sockets. An idle room sends at once, from inside the notice
// that asked; notices that arrive while the loop runs are not sent one by one after it but together, as one frame per
// socket (party/outbox.ts), one turn later: a send costs about the same for one event as for ten
// (docs/PERFORMANCE.md). No frame ever waits for one that is not there.
import { planSends } from "./outbox";
import type { Outgoing } from "./outbox";

/** Sockets sent to before the loop yields a turn: about 2 ms of the thread (docs/PERFORMANCE.md). */
const SEND_SLICE = 100;

/** One turn of the event loop: notices that arrived while a send loop ran are delivered before it ends. */
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class Sender {
  /** events due and not yet sent, and whether the loop is running (it takes them when its turn ends) */
  #outbox: Outgoing<WebSocket>[] = [];
  #sending = false;

  /** `sockets`: the room's open sockets, asked anew for every frame */
  constructor(private readonly sockets: () => WebSocket[]) {}

  /** Sends each frame to every open socket but `except`. */
  send(frames: readonly string[], except?: WebSocket): void {
    for (const frame of frames) this.#outbox.push({ frame, except });
    if (!this.#sending && this.#outbox.length > 0) void this.#drain();
  }

  async #drain() {
    this.#sending = true;
    try {
      while (this.#outbox.length > 0) {
        for (const { text, to } of planSends(this.#outbox.splice(0), this.sockets()))
          for (let i = 0; i < to.length; i++) {
            try {
              to[i].send(text);
            } catch {
              // closing or closed: its close handler is on its way
            }
            // a long loop yields now and then, so what else waits for this thread (a notice, a request, another
            // room locally) is not held behind a thousand sends; what piles up meanwhile joins the next frame
            if ((i + 1) % SEND_SLICE === 0 && i + 1 < to.length) await nextTurn();
          }
        await nextTurn();
      }
    } finally {
      this.#sending = false;
    }
  }
}
