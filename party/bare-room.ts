// The benchmark's floor for a room (`npm run bench -- --targets=product,bare-room`): a minimal hibernating Durable
// Object that the `bare-room` variant (bench/variants.mjs) exports in place of the product's room, so it runs in the
// same bundle, behind the same door, reached by the same RPC from the same POST. It sends every frame it is given to
// every socket at once and does nothing else: no order, no batching, no presence, no re-check. What the product's
// room costs beyond it is the room's own. Never exported by the product (worker/index.ts).
import { DurableObject } from "cloudflare:workers";
import type { CommitPlace, Removal } from "../contract";

export class BareRoom extends DurableObject {
  async fetch(): Promise<Response> {
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  publish(frame: string, _place?: CommitPlace): void {
    for (const ws of this.ctx.getWebSockets()) ws.send(frame);
  }

  publishPassive(frame: string): void {
    this.publish(frame);
  }

  async remove(_removal: Removal): Promise<number> {
    return 0;
  }

  online(): string[] {
    return [];
  }

  webSocketMessage() {}
  webSocketClose() {}
}
