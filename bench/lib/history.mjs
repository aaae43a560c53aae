// History reads: a few concurrent clients each asking for the newest page of 10, one request after another.
import { now } from "./clock.mjs";
import { sampleMemory } from "./proc.mjs";
import { summarize } from "./stats.mjs";

/** `get()` → Promise<status>; `opts` = { requests, clients, warmup }. */
export async function runHistory(target, get, opts) {
  for (let i = 0; i < opts.warmup; i++) await get();
  const memory = sampleMemory(() => target.pids());
  const latencies = [];
  let errors = 0;
  let next = 0;
  const started = now();
  const client = async () => {
    while (next < opts.requests) {
      next++;
      const t = now();
      const status = await get().catch(() => 0);
      latencies.push(now() - t);
      if (status !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: opts.clients }, client));
  const elapsedS = (now() - started) / 1000;
  return { requests: latencies.length, errors, perSecond: latencies.length / elapsedS, latency: summarize(latencies), peak: memory.stop() };
}
