// `npm run bench`: fan-out and history reads, measured in one run on three targets: the product, the Socket.io
// design it replaces, and a bare `ws` floor. Prints a table per scenario and writes bench/results/<time>.json.
// Every figure comes from this machine, over 127.0.0.1 only; flags (or BENCH_* env) change durations and rates.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { productTarget } from "./targets/product.mjs";
import { socketioTarget } from "./targets/socketio.mjs";
import { floorTarget } from "./targets/floor.mjs";
import { runFanout } from "./lib/fanout.mjs";
import { runHistory } from "./lib/history.mjs";
import { fanoutRows, historyRows, rounded, table } from "./lib/report.mjs";
import { medianOf } from "./lib/stats.mjs";

const defaults = {
  targets: "product,product-dev,socketio,floor",
  // <subscribers>@<messages per second>, one fan-out scenario each
  scenarios: "100@50,1000@20",
  senders: "4",
  warmup: "2",
  duration: "10",
  drain: "10",
  profiles: "10",
  "history-messages": "100000",
  "history-requests": "2000",
  "history-clients": "4",
  // each round runs every target once; with more than one, tables show the median of each figure
  rounds: "1",
  // the checkout whose worker and rooms the "product" target runs (this one by default); a quiet copy keeps the
  // dev servers from reloading when someone edits this checkout during a run
  "product-root": "",
  // sqld's cap on connections, the same for the product's and the baseline's: with sqld's default (128), a few
  // dozen write transactions waiting on its lock at once make it spin for minutes (docs/PERFORMANCE.md)
  "sqld-connections": "4",
};
const options = Object.fromEntries(Object.keys(defaults).map((k) => [k, { type: "string", default: process.env[`BENCH_${k.toUpperCase().replace(/-/g, "_")}`] ?? defaults[k] }]));
const { values: flags } = parseArgs({ options: { ...options, help: { type: "boolean" } } });
if (flags.help) {
  console.log(`npm run bench -- [--flag=value …]\n${Object.entries(defaults).map(([k, v]) => `  --${k}=${v}`).join("\n")}\n(or BENCH_<FLAG> in the environment; --history-messages=0 skips history reads)`);
  process.exit(0);
}
const num = (k) => Number(flags[k]);
// inherited by every sqld the targets start (scripts/lib/sqld.mjs passes its environment on)
process.env.SQLD_MAX_CONCURRENT_CONNECTIONS = flags["sqld-connections"];
const scenarios = flags.scenarios.split(",").filter(Boolean).map((s) => {
  const [subscribers, rate] = s.split("@").map(Number);
  if (!(subscribers > 0 && rate > 0)) throw new Error(`bad scenario "${s}": want <subscribers>@<rate>`);
  return { subscribers, rate };
});
const senders = num("senders");
const fanoutOpts = { senders, warmupS: num("warmup"), durationS: num("duration"), drainS: num("drain") };
// "product@<dir>" runs the product from another checkout too (before/after comparisons), named by that folder
const makers = { product: productTarget, "product-dev": (o) => productTarget({ ...o, workerRuntime: "dev" }), socketio: socketioTarget, floor: floorTarget };
const order = flags.targets.split(",").filter(Boolean).map((t) => {
  const [kind, root] = t.split("@");
  const isProduct = kind.startsWith("product");
  if (!makers[kind] || (root && !isProduct)) throw new Error(`unknown target "${t}": want product, product-dev, product@<checkout>, socketio or floor`);
  const checkout = root ?? (isProduct ? flags["product-root"] : "");
  return { name: root ? `${kind}@${path.basename(root)}` : kind, make: (o) => makers[kind]({ ...o, ...(checkout && { root: path.resolve(checkout) }) }) };
});
if (new Set(order.map((t) => t.name)).size !== order.length) throw new Error("a target is named twice; use --rounds to repeat");
const names = order.map((t) => t.name);

const rounds = Array.from({ length: Math.max(1, num("rounds")) }, () => ({ fanout: scenarios.map(() => ({})), history: {} }));
let current;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    console.error(`\n${signal}: stopping ${current?.name ?? "nothing"}`);
    await current?.stop().catch(() => {});
    process.exit(130);
  });
}

const started = Date.now();
const loadBefore = os.loadavg();
if (loadBefore[0] > 1.5) console.warn(`warning: load average ${loadBefore[0].toFixed(1)} on ${os.cpus().length} cores before the run; other work on this machine will show in the figures`);
for (const [round, results] of rounds.entries()) for (const { name, make } of order) {
  const target = (current = make({ senders, profiles: num("profiles") }));
  console.log(`\n== ${target.label}${rounds.length > 1 ? `, round ${round + 1} of ${rounds.length}` : ""}`);
  try {
    const info = await target.start();
    if (info.log) console.log(`   logs: ${info.log}`);
    for (const [i, s] of scenarios.entries()) {
      const runTag = `fanout-${s.subscribers}-${Date.now().toString(36)}`;
      const room = await target.room(s.subscribers, runTag);
      const r = await runFanout(target, room, { ...fanoutOpts, ...s });
      results.fanout[i][name] = r;
      console.log(`   ${s.subscribers} subscribers @ ${s.rate}/s: connected in ${(r.connectMs / 1000).toFixed(1)} s; delivery p99 ${r.delivery.p99.toFixed(1)} ms, ${Math.round(r.deliveriesPerSecond)} deliveries/s, lost ${r.lost}, sender lag max ${r.maxLagMs.toFixed(1)} ms${r.postErrors ? `, POST errors ${JSON.stringify(r.errorStatuses)}` : ""}`);
      console.log(`   CPU s: ${Object.entries(r.cpuSeconds.byPart).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(", ")}; bench ${r.cpuSeconds.bench.toFixed(1)}`);
    }
    if (num("history-messages") > 0) {
      const h = await target.history(num("history-messages"));
      const r = await runHistory(target, h.get, { requests: num("history-requests"), clients: num("history-clients"), warmup: 50 });
      results.history[name] = { ...r, filled: h.filled };
      console.log(`   history (${h.filled} messages): p50 ${r.latency.p50.toFixed(1)} ms, ${Math.round(r.perSecond)} req/s, errors ${r.errors}`);
    }
  } finally {
    await target.stop();
    current = undefined;
  }
}

const results = {
  fanout: scenarios.map((_, i) => Object.fromEntries(names.map((n) => [n, medianOf(rounds.map((r) => r.fanout[i][n]))]))),
  history: num("history-messages") > 0 ? Object.fromEntries(names.map((n) => [n, medianOf(rounds.map((r) => r.history[n]))])) : {},
};
const of = rounds.length > 1 ? ` (median of ${rounds.length} rounds)` : "";
const tables = [
  ...scenarios.map((s, i) =>
    table(`Fan-out: ${s.subscribers} subscribers, ${s.rate} messages/s from ${senders} senders, ${fanoutOpts.durationS} s after ${fanoutOpts.warmupS} s warm-up${of}`, fanoutRows, results.fanout[i], names),
  ),
  ...(num("history-messages") > 0
    ? [table(`History: newest page of 10 from a channel of ${num("history-messages").toLocaleString("en-US")} messages, ${num("history-requests")} requests from ${num("history-clients")} clients${of}`, historyRows, results.history, names)]
    : []),
];
console.log(`\n${tables.join("\n\n")}\n`);

const machine = {
  cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version,
  platform: `${os.platform()} ${os.release()}`, loadBefore, loadAfter: os.loadavg(),
};
const file = path.join(import.meta.dirname, "results", `${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
fs.mkdirSync(path.dirname(file), { recursive: true });
const scenarioResults = scenarios.map((s, i) => ({ ...s, targets: results.fanout[i] }));
fs.writeFileSync(file, JSON.stringify(rounded({ machine, flags, elapsedS: (Date.now() - started) / 1000, fanout: scenarioResults, history: results.history, ...(rounds.length > 1 && { rounds }) }), null, 2));
console.log(`written ${path.relative(process.cwd(), file)} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
