// A bare Durable Object for bench/send-cost.mjs: sockets accepted with the hibernation API (or kept in memory, "awake"),
// and a loop that sends one frame to every socket `n` times. The worker in front hands the upgrade to the object and
// returns its 101 as it is ("direct") or rewrapped as the product's door does ("rewrap").
import { DurableObject } from "cloudflare:workers";

export class Bare extends DurableObject {
  async fetch(req) {
    const url = new URL(req.url);
    if (url.pathname.endsWith("/publish")) {
      const n = Number(url.searchParams.get("n"));
      const size = Number(url.searchParams.get("size"));
      const batch = Number(url.searchParams.get("batch"));
      const one = JSON.stringify({ key: "chat:bench:messages", data: "x".repeat(size) });
      const frame = batch > 1 ? `[${Array(batch).fill(one).join(",")}]` : one;
      const sockets = this.awake ?? this.ctx.getWebSockets();
      for (let i = 0; i < n; i++) for (const ws of sockets) ws.send(frame);
      return new Response(String(sockets.length));
    }
    const pair = new WebSocketPair();
    if (url.searchParams.get("socket") === "awake") {
      pair[1].accept();
      (this.awake ??= []).push(pair[1]);
    } else this.ctx.acceptWebSocket(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
}

export default {
  async fetch(req, env) {
    const url = new URL(req.url);
    const res = await env.BARE.get(env.BARE.idFromName(url.searchParams.get("room"))).fetch(req);
    if (url.searchParams.get("door") === "rewrap" && res.webSocket)
      return new Response(null, { status: 101, webSocket: res.webSocket, headers: { "sec-websocket-extensions": "x-none" } });
    return res;
  },
};
