// Where the time goes: one request at a time against the product (and the Socket.io design for the same steps),
// with the latency and the CPU each server process spent per request. Run: npx node bench/probe.mjs
// [--root=<checkout>] [--requests=300] [--subscribers=1000] [--deflate]. A companion to `npm run bench`, not part of it.
// The worker tells the room over RPC inside its own process tree, so what it does after a write is measured from
// the outside: the time from the POST's answer to the frame's arrival at one subscriber (the RPC and the room's send,
// which run in waitUntil after the answer), next to the whole POST → subscriber time.
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { execSync } from "node:child_process";
import path from "node:path";
import { productTarget } from "./targets/product.mjs";
import { socketioTarget } from "./targets/socketio.mjs";
import { countCpu } from "./lib/proc.mjs";
import { now } from "./lib/clock.mjs";
import { summarize } from "./lib/stats.mjs";

const { values: flags } = parseArgs({ options: { root: { type: "string" }, requests: { type: "string", default: "300" }, subscribers: { type: "string", default: "1000" }, deflate: { type: "boolean", default: false }, targets: { type: "string", default: "product,product-dev,socketio" } } });
const requests = Number(flags.requests);
const fanout = Number(flags.subscribers);

/** Runs `step` `requests` times one after another (after a short warm-up); latency median and CPU ms per call. */
async function measure(target, label, step, count = requests) {
  for (let i = 0; i < 20; i++) await step(-1 - i);
  const cpu = countCpu(() => target.pids());
  const times = [];
  for (let i = 0; i < count; i++) {
    const t = now();
    await step(i);
    times.push(now() - t);
  }
  const used = cpu.stop();
  const parts = Object.entries(used.byPart).filter(([, s]) => (s * 1000) / count >= 0.05).map(([k, s]) => `${k} ${((s * 1000) / count).toFixed(1)}`);
  console.log(`${label.padEnd(44)} median ${summarize(times).p50.toFixed(1).padStart(6)} ms | CPU ms per call: ${parts.join(", ")}`);
}

const created = (status) => {
  if (status !== 201) throw new Error(`POST answered ${status}`);
};

/** Connections (any state, TIME_WAIT included) to a local port: how many a client opened. */
const connectionsTo = (port) => Number(execSync(`ss -tan '( dport = :${port} )' | tail -n +2 | wc -l`).toString().trim());

async function withSubscribers(room, n, body) {
  const spec = { ...room.spec, deflate: flags.deflate };
  const recvAtBuf = new SharedArrayBuffer(Math.max(1, (requests + 20) * n) * 8);
  const countersBuf = new SharedArrayBuffer(32);
  const worker = new Worker(new URL("./lib/subscribers.mjs", import.meta.url), {
    workerData: { role: "subscribers", spec, key: room.key, n, maxMsgs: requests + 20, recvAtBuf, countersBuf, batch: 50 },
  });
  const { extensions } = await new Promise((resolve, reject) => {
    worker.once("message", (m) => (m.error ? reject(new Error(m.error)) : resolve(m)));
    worker.postMessage("connect");
  });
  console.log(`${"".padEnd(44)} ${n} socket(s), offered ${extensions.offered}, negotiated ${extensions.negotiated}`);
  const counters = new Int32Array(countersBuf);
  const recvAt = new Float64Array(recvAtBuf);
  try {
    await body(async (expected) => {
      const deadline = now() + 10_000;
      while (Atomics.load(counters, 0) < expected) {
        if (now() > deadline) throw new Error(`a frame did not arrive within 10 s (${Atomics.load(counters, 0)} of ${expected})`);
        await new Promise((r) => setTimeout(r, 0));
      }
    }, recvAt);
  } finally {
    await worker.terminate();
  }
}

// one sender posts back to back, far past the per-member limit (5 per 5 s): the limit is raised, not removed (the
// count is still taken in the same batch, so the work per post is the same)
const productOpts = { senders: 1, profiles: 2, extraVars: { RATE_LIMIT_MESSAGES: "100000/5", RATE_LIMIT_MESSAGES_PERSON: "100000/5", RATE_LIMIT_REACTIONS: "100000/1", RATE_LIMIT_EDITS: "100000/1", RATE_LIMIT_SEARCH: "100000/1", RATE_LIMIT_TICKETS: "100000/1", RATE_LIMIT_SIGN_UP: "100000/1" }, ...(flags.root && { root: path.resolve(flags.root) }) };
const makers = {
  product: () => productTarget(productOpts),
  "product-dev": () => productTarget({ ...productOpts, workerRuntime: "dev" }),
  socketio: () => socketioTarget({ senders: 1, profiles: 2 }),
};
for (const make of flags.targets.split(",").map((t) => makers[t.trim()])) {
  const target = make();
  console.log(`\n== ${target.label}`);
  try {
    await target.start();
    if (target.name.startsWith("product")) {
      const base = target.workerUrl();
      await measure(target, "GET /api/config (no database)", () => fetch(`${base}/api/config`).then((r) => r.arrayBuffer()));
      await measure(target, "GET /api/profile (session: one round trip)", () => fetch(`${base}/api/profile`, { headers: { authorization: `Bearer ${target.token()}` } }).then((r) => r.arrayBuffer()));
    }
    const quiet = await target.room(0, `probe-0-${Date.now().toString(36)}`);
    let seq = 1e6;
    const post = () => quiet.post(0, { content: `probe ${seq++} x` }).then(created);
    const ports = target.ports?.();
    const before = ports && connectionsTo(ports.sqld);
    await measure(target, "POST a message, nobody listening", post);
    if (ports) console.log(`${"".padEnd(44)} connections opened to sqld: ${connectionsTo(ports.sqld) - before}`);
    if (target.history) {
      const h = await target.history(1000);
      await measure(target, "GET the newest page of 10", h.get);
    }
    // one subscriber: the hops alone, without fan-out
    const seqOf = (i) => (i < 0 ? requests - i - 1 : i);
    const one = await target.room(1, `probe-one-${Date.now().toString(36)}`);
    await withSubscribers(one, 1, async (delivered, recvAt) => {
      let sent = 0;
      const afterAck = [];
      await measure(target, "POST a message → 1 subscriber", async (i) => {
        await one.post(0, { content: `bench ${seqOf(i)} x`, nonce: `one-${i}` }).then(created);
        const acked = now();
        await delivered(++sent);
        if (i >= 0) afterAck.push(recvAt[seqOf(i)] - acked);
      });
      // negative: the frame was there before the poster had its answer
      console.log(`${"frame's arrival minus the POST's answer".padEnd(44)} median ${summarize(afterAck).p50.toFixed(1).padStart(6)} ms, p99 ${summarize(afterAck).p99.toFixed(1)} ms`);
    });
    const room = await target.room(fanout, `probe-${fanout}-${Date.now().toString(36)}`);
    await withSubscribers(room, fanout, async (delivered) => {
      let sent = 0;
      await measure(target, `POST and wait for all ${fanout} deliveries`, async (i) => {
        await room.post(0, { content: `bench ${seqOf(i)} x`, nonce: `probe-${i}` }).then(created);
        sent++;
        await delivered(sent * fanout);
      }, Math.min(requests, 100));
    });
  } finally {
    await target.stop();
  }
}
