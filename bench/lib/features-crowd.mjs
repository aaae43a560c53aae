// The crowd of the activity scenario: many sockets open to a server's room, as the web app keeps one per open server,
// in their own thread so that reading their frames never delays the senders' clock. Each socket offers
// permessage-deflate as Chromium does. Every frame is counted by key; for the activity key, the first arrival of each
// (message, socket) is kept on the process-wide clock, and a second one is counted as a duplicate.
import { parentPort, Worker, workerData } from "node:worker_threads";
import WebSocket from "ws";
import { now } from "./clock.mjs";
import { eventsOf } from "./frames.mjs";

const RECEIVED = 0; // every frame
const ACTIVITY = 1; // first arrivals of activity frames
const CLOSED = 2; // sockets the server closed

if (parentPort && workerData?.role === "crowd") {
  const { urls, activityKey, roomId, countersBuf, batch } = workerData;
  const counters = new Int32Array(countersBuf);
  const byKey = {};
  const arrivals = new Map(); // messageId → arrival times, one per socket that had it
  const seen = urls.map(() => new Set());
  let duplicates = 0;
  const sockets = [];

  const open = (i) =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(urls[i], { perMessageDeflate: true });
      ws.on("message", (buf) => {
        const t = now();
        for (const frame of eventsOf(buf)) {
          const key = String(frame.key).replace(roomId, "{serverId}");
          byKey[key] = (byKey[key] ?? 0) + 1;
          Atomics.add(counters, RECEIVED, 1);
          if (frame.key !== activityKey) continue;
          const id = frame.data?.messageId;
          if (seen[i].has(id)) {
            duplicates++;
            continue;
          }
          seen[i].add(id);
          if (!arrivals.has(id)) arrivals.set(id, []);
          arrivals.get(id).push(t);
          Atomics.add(counters, ACTIVITY, 1);
        }
      });
      ws.once("open", () => resolve(ws));
      ws.once("unexpected-response", (_req, res) => reject(new Error(`server-room socket ${i} refused with ${res.statusCode}`)));
      ws.once("error", reject);
      ws.on("close", () => !ws.closing && Atomics.add(counters, CLOSED, 1));
    });

  parentPort.on("message", async (msg) => {
    if (msg === "connect") {
      try {
        for (let i = 0; i < urls.length; i += batch) sockets.push(...(await Promise.all(Array.from({ length: Math.min(batch, urls.length - i) }, (_, j) => open(i + j)))));
        parentPort.postMessage({ connected: sockets.length, extensions: sockets[0]?.extensions || "none" });
      } catch (err) {
        parentPort.postMessage({ error: err.message });
      }
    } else if (msg === "collect") {
      parentPort.postMessage({ byKey, duplicates, arrivals: Object.fromEntries(arrivals) });
    } else if (msg === "close") {
      for (const ws of sockets) {
        ws.closing = true;
        ws.close();
      }
      setTimeout(() => parentPort.postMessage({ closed: true }), 300);
    }
  });
}

/** `urls` of the sockets (tickets in them); `roomId` the server's id; `activityKey` its activity key. */
export function startCrowd({ urls, roomId, activityKey, batch = 50 }) {
  const countersBuf = new SharedArrayBuffer(4 * 4);
  const counters = new Int32Array(countersBuf);
  const worker = new Worker(new URL(import.meta.url), { workerData: { role: "crowd", urls, roomId, activityKey, countersBuf, batch } });
  const ask = (msg) =>
    new Promise((resolve, reject) => {
      worker.once("message", (m) => (m.error ? reject(new Error(m.error)) : resolve(m)));
      worker.once("error", reject);
      worker.postMessage(msg);
    });
  return {
    size: urls.length,
    received: () => Atomics.load(counters, RECEIVED),
    activity: () => Atomics.load(counters, ACTIVITY),
    closedByServer: () => Atomics.load(counters, CLOSED),
    connect: () => ask("connect"),
    /** { byKey: { key: frames }, duplicates, arrivals: { messageId: [arrival ms, …] } } */
    collect: () => ask("collect"),
    async close() {
      await ask("close").catch(() => {});
      await worker.terminate();
    },
  };
}
