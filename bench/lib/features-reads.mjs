// Reads of several kinds measured side by side: a few concurrent clients, each asking for one kind after the other in
// turn, so every kind sees the same moments of the machine (whatever else runs shows in all of them alike).
import { now } from "./clock.mjs";
import { sampleMemory } from "./proc.mjs";
import { summarize } from "./stats.mjs";

/**
 * `kinds` = { [name]: (i) → Promise<status> } (i counts that kind's requests); `opts` = { requests (of each kind),
 * clients, warmup (of each kind, not counted) }. Answers { [name]: { requests, errors, perSecond, latency, peak } }.
 */
export async function interleaved(target, kinds, opts) {
  const names = Object.keys(kinds);
  for (let i = 0; i < opts.warmup; i++) for (const n of names) await kinds[n](-1 - i);
  const memory = sampleMemory(() => target.pids());
  const latencies = Object.fromEntries(names.map((n) => [n, []]));
  const errors = Object.fromEntries(names.map((n) => [n, 0]));
  const total = opts.requests * names.length;
  let issued = 0;
  const started = now();
  const client = async (k) => {
    for (let turn = k; issued < total; turn++) {
      const i = issued++;
      const name = names[turn % names.length];
      const t = now();
      const status = await kinds[name](i).catch(() => 0);
      latencies[name].push(now() - t);
      if (status !== 200) errors[name]++;
    }
  };
  await Promise.all(Array.from({ length: opts.clients }, (_, k) => client(k)));
  const elapsedS = (now() - started) / 1000;
  const peak = memory.stop();
  return Object.fromEntries(names.map((n) => [n, { requests: latencies[n].length, errors: errors[n], perSecond: latencies[n].length / elapsedS, latency: summarize(latencies[n]), peak }]));
}
