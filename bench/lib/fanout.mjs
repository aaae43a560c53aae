// One fan-out run against one target: N subscribers in one room, messages posted open-loop at a fixed rate by a few
// senders (each well under the product's per-member rate limit), a warm-up whose messages are not counted, a measurement window, then a drain until every delivery
// arrived or nothing moved for `drainS`. Answers the figures the report prints.
import { Worker } from "node:worker_threads";
import { now } from "./clock.mjs";
import { C } from "./subscribers.mjs";
import { countCpu, sampleMemory } from "./proc.mjs";
import { summarize } from "./stats.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function startSubscribers({ spec, key, n, maxMsgs }) {
  const recvAtBuf = new SharedArrayBuffer(maxMsgs * n * 8);
  const countersBuf = new SharedArrayBuffer(8 * 4);
  const worker = new Worker(new URL("./subscribers.mjs", import.meta.url), {
    workerData: { role: "subscribers", spec, key, n, maxMsgs, recvAtBuf, countersBuf, batch: 50 },
  });
  const reply = () => new Promise((resolve, reject) => {
    worker.once("message", (m) => (m.error ? reject(new Error(m.error)) : resolve(m)));
    worker.once("error", reject);
  });
  return {
    recvAt: new Float64Array(recvAtBuf),
    counters: new Int32Array(countersBuf),
    async connect() {
      const done = reply();
      worker.postMessage("connect");
      return done;
    },
    async close() {
      const done = reply();
      worker.postMessage("close");
      await done.catch(() => {});
      await worker.terminate();
    },
  };
}

/**
 * `room` = { key, spec, post(sender, body) → Promise<status> } from the target; `opts` = { subscribers, rate,
 * senders, warmupS, durationS, drainS, deflate }: `deflate` makes the subscribers offer permessage-deflate as Chromium does.
 */
export async function runFanout(target, room, opts) {
  const n = opts.subscribers;
  const total = Math.round(opts.rate * (opts.warmupS + opts.durationS));
  const warm = Math.round(opts.rate * opts.warmupS);
  const subs = startSubscribers({ spec: { ...room.spec, deflate: Boolean(opts.deflate) }, key: room.key, n, maxMsgs: total });
  const connectStarted = now();
  const { extensions } = await subs.connect();
  const connectMs = now() - connectStarted;

  const memory = sampleMemory(() => target.pids());
  const cpu = countCpu(() => target.pids());
  const sentAt = new Float64Array(total);
  const ackMs = new Float64Array(total);
  const ok = new Uint8Array(total);
  let postErrors = 0;
  const errorStatuses = {};
  let maxLagMs = 0;
  const inflight = [];
  const interval = 1000 / opts.rate;
  const start = now() + 5;
  const send = (seq) => {
    const t = now();
    maxLagMs = Math.max(maxLagMs, t - (start + seq * interval));
    sentAt[seq] = t;
    const body = { content: `bench ${seq} ${Date.now()}`, nonce: `${room.runTag}-${seq}` };
    inflight.push(
      room.post(seq % opts.senders, body).then(
        (status) => {
          ackMs[seq] = now() - t;
          if (status === 201) ok[seq] = 1;
          else {
            postErrors++;
            errorStatuses[status] = (errorStatuses[status] ?? 0) + 1;
          }
        },
        (err) => {
          postErrors++;
          errorStatuses[err.cause?.code ?? err.name] = (errorStatuses[err.cause?.code ?? err.name] ?? 0) + 1;
        },
      ),
    );
  };
  // open loop: every message leaves at its scheduled time, whether or not earlier ones were answered
  for (let seq = 0; seq < total; ) {
    const t = now();
    while (seq < total && start + seq * interval <= t) send(seq++);
    if (seq < total) await sleep(Math.max(0, start + seq * interval - now() - 1));
  }
  await Promise.all(inflight);
  const expected = ok.reduce((a, b) => a + b, 0) * n;
  let last = Atomics.load(subs.counters, C.RECEIVED);
  let lastMove = now();
  while (last < expected && now() - lastMove < opts.drainS * 1000) {
    await sleep(50);
    const got = Atomics.load(subs.counters, C.RECEIVED);
    if (got !== last) [last, lastMove] = [got, now()];
  }
  const peak = memory.stop();
  const cpuSeconds = cpu.stop();
  const counters = Array.from(subs.counters);
  await subs.close();
  return { ...measure({ n, warm, total, sentAt, ackMs, ok, recvAt: subs.recvAt }), sent: total, senders: opts.senders, postErrors, errorStatuses, counters, maxLagMs, connectMs, peak, cpuSeconds, extensions };
}

/** Figures over the measured messages (after the warm-up) that the server acknowledged. */
function measure({ n, warm, total, sentAt, ackMs, ok, recvAt }) {
  const latencies = [];
  const lastArrival = [];
  const acks = [];
  let firstSend = Infinity;
  let lastDelivery = 0;
  let delivered = 0;
  let measured = 0;
  for (let seq = warm; seq < total; seq++) {
    if (!ok[seq]) continue;
    measured++;
    acks.push(ackMs[seq]);
    firstSend = Math.min(firstSend, sentAt[seq]);
    let latest = 0;
    let all = true;
    for (let i = 0; i < n; i++) {
      const t = recvAt[seq * n + i];
      if (t === 0) {
        all = false;
        continue;
      }
      delivered++;
      latencies.push(t - sentAt[seq]);
      latest = Math.max(latest, t);
    }
    lastDelivery = Math.max(lastDelivery, latest);
    if (all) lastArrival.push(latest - sentAt[seq]);
  }
  const spanS = (lastDelivery - firstSend) / 1000;
  return {
    messages: measured,
    delivered,
    lost: measured * n - delivered,
    deliveriesPerSecond: spanS > 0 ? delivered / spanS : 0,
    ack: summarize(acks),
    delivery: summarize(latencies),
    lastSubscriber: summarize(lastArrival),
  };
}
