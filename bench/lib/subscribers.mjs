// The subscriber side, in its own thread so that receiving frames never delays the senders' clock. Opens N sockets
// (plain WebSockets to a room, or Socket.io clients on the websocket transport), and for every (message,
// subscriber) pair writes the first arrival time into shared memory; duplicates and out-of-order arrivals (a
// version lower than one this subscriber already had) are counted here, everything else is computed by the caller.
// `spec.deflate`: true offers permessage-deflate the way Chromium does (`permessage-deflate; client_max_window_bits`,
// what `ws` and socket.io-client offer by default); false offers no extension. The connect reply names what the
// first socket's server agreed to (`ws.extensions`, and for plain sockets the raw `sec-websocket-extensions`).
import { parentPort, workerData } from "node:worker_threads";
import WebSocket from "ws";
import { io } from "socket.io-client";
import { now } from "./clock.mjs";
import { eventsOf } from "./frames.mjs";

export const C = { RECEIVED: 0, DUPLICATES: 1, OUT_OF_ORDER: 2, UNKNOWN: 3, CLOSED: 4 };

if (parentPort && workerData?.role === "subscribers") {
  const { spec, key, n, maxMsgs, recvAtBuf, countersBuf, batch } = workerData;
  const recvAt = new Float64Array(recvAtBuf);
  const counters = new Int32Array(countersBuf);
  const lastVersion = new Float64Array(n).fill(-1);
  const sockets = [];

  const record = (i, data, t) => {
    const seq = Number(String(data?.content ?? "").split(" ")[1]);
    if (!(Number.isInteger(seq) && seq >= 0 && seq < maxMsgs)) return void Atomics.add(counters, C.UNKNOWN, 1);
    const slot = seq * n + i;
    if (recvAt[slot] !== 0) return void Atomics.add(counters, C.DUPLICATES, 1);
    recvAt[slot] = t;
    if (data.version < lastVersion[i]) Atomics.add(counters, C.OUT_OF_ORDER, 1);
    else lastVersion[i] = data.version;
    Atomics.add(counters, C.RECEIVED, 1);
  };

  const openWs = (i) =>
    new Promise((resolve, reject) => {
      // ws's default offer is Chromium's: `permessage-deflate; client_max_window_bits`
      const ws = new WebSocket(spec.urls[i], { perMessageDeflate: Boolean(spec.deflate) });
      ws.once("upgrade", (res) => (ws.agreed = res.headers["sec-websocket-extensions"] ?? ""));
      ws.on("message", (buf) => {
        const t = now();
        for (const frame of eventsOf(buf)) {
          if (frame.key === key) record(i, frame.data, t);
          else Atomics.add(counters, C.UNKNOWN, 1);
        }
      });
      ws.once("open", () => resolve(ws));
      ws.once("unexpected-response", (_req, res) => reject(new Error(`socket ${i} refused with ${res.statusCode}`)));
      ws.once("error", reject);
      ws.on("close", () => !ws.closing && Atomics.add(counters, C.CLOSED, 1));
    });

  const openSocketIo = (i) =>
    new Promise((resolve, reject) => {
      // socket.io-client's default offers permessage-deflate (threshold 1024); Socket.io 4's server declines it by default
      const socket = io(spec.url, { path: spec.path, transports: ["websocket"], auth: spec.auths[i], forceNew: true, reconnection: false, ...(!spec.deflate && { perMessageDeflate: false }) });
      socket.on(key, (data) => record(i, data, now()));
      socket.once("connect", () => resolve(socket));
      socket.once("connect_error", (err) => reject(new Error(`socket ${i}: ${err.message}`)));
      socket.on("disconnect", () => !socket.closing && Atomics.add(counters, C.CLOSED, 1));
    });

  /** What the server agreed to on one socket: the extension names `ws` negotiated, and the raw header. */
  const agreed = (s) => {
    if (!s) return undefined;
    const ws = spec.kind === "socketio" ? s.io.engine.transport.ws : s;
    return { offered: spec.deflate ? "permessage-deflate; client_max_window_bits" : "none", negotiated: ws?.extensions || "none", ...(ws?.agreed !== undefined && { header: ws.agreed }) };
  };

  const open = spec.kind === "socketio" ? openSocketIo : openWs;
  const close = (s) => {
    s.closing = true;
    spec.kind === "socketio" ? s.disconnect() : s.close();
  };

  parentPort.on("message", async (msg) => {
    if (msg === "connect") {
      try {
        for (let i = 0; i < n; i += batch) {
          const opened = await Promise.all(Array.from({ length: Math.min(batch, n - i) }, (_, j) => open(i + j)));
          sockets.push(...opened);
        }
        parentPort.postMessage({ connected: sockets.length, extensions: agreed(sockets[0]) });
      } catch (err) {
        parentPort.postMessage({ error: err.message });
      }
    } else if (msg === "close") {
      sockets.forEach(close);
      // give the close frames a moment to leave before the thread ends
      setTimeout(() => parentPort.postMessage({ closed: true }), 300);
    }
  });
}
