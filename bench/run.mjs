// `npm run bench`: fan-out and history reads, measured in one run on four targets: the product as deployed and under
// wrangler dev, the Socket.io design it replaces, and a bare `ws` floor; each fan-out with subscribers that offer
// permessage-deflate (as Chromium) and with subscribers that do not. `--variants` adds design variants of the product.
// Then the features part (bench/features.mjs, `--features=history,search,activity`): what replies and reactions,
// search and its index, and activity events cost, each against a baseline of the same run, on the product only.
// Prints a table per scenario and writes bench/results/<time>.json.
// Every figure comes from this machine, over 127.0.0.1 only; flags (or BENCH_* env) change durations and rates.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { productTarget } from "./targets/product.mjs";
import { socketioTarget } from "./targets/socketio.mjs";
import { floorTarget } from "./targets/floor.mjs";
import { runFanout } from "./lib/fanout.mjs";
import { fdsSettled } from "./lib/proc.mjs";
import { runHistory } from "./lib/history.mjs";
import { fanoutRows, goals, historyRows, rounded, roundsTable, table } from "./lib/report.mjs";
import { chosenVariants, makeVariants, VARIANTS } from "./variants.mjs";
import { medianOf } from "./lib/stats.mjs";
import { FEATURES, runFeatures, stopFeatures } from "./features.mjs";

const defaults = {
  // add floor (a bare ws broadcaster, no database) with --targets=product,product-dev,socketio,floor
  // any variant of bench/variants.mjs may be named too (bare-room: a bare Durable Object in place of the room)
  targets: "product,bare-room,product-dev,socketio",
  // <subscribers>@<messages per second>, one fan-out scenario each; the scale run is --scenarios=5000@4
  scenarios: "1000@20,100@50",
  // "auto": 2 senders per message a second, so each sends 0.5 messages/s, half of the product's rate limit (5 messages
  // per 5 s per member per room); or one number for every scenario
  senders: "auto",
  // subscribers that offer permessage-deflate as Chromium does ("deflate") and that offer nothing ("plain")
  clients: "deflate,plain",
  warmup: "1",
  duration: "4",
  drain: "5",
  profiles: "10",
  "history-messages": "20000",
  "history-requests": "1000",
  "history-clients": "4",
  // each round runs every target once (the order rotates from round to round); tables show the median of each figure
  rounds: "3",
  // sockets per relay for the product-relays target
  "relay-sockets": "250",
  // the checkout whose worker and rooms the "product" target runs (this one by default); a quiet copy keeps the
  // dev servers from reloading when someone edits this checkout during a run
  "product-root": "",
  // sqld's cap on connections, the same for the product's and the baseline's: with sqld's default (128), a few
  // dozen write transactions waiting on its lock at once make it spin for minutes (docs/PERFORMANCE.md)
  "sqld-connections": "4",
  // the features part, on the product only (whatever --targets says): any of history,search,activity; empty skips it
  features: FEATURES.join(","),
  // multiplies the features' counts (messages, sockets, requests; not rates): 0.05 for a quick check
  "features-scale": "1",
  // rounds of the activity scenario, each running both sides (the order alternates)
  "features-rounds": "2",
  // measured seconds of each of the 4 indexing phases (with, without, with, without the full-text index)
  "features-seconds": "10",
};
const options = Object.fromEntries(Object.keys(defaults).map((k) => [k, { type: "string", default: process.env[`BENCH_${k.toUpperCase().replace(/-/g, "_")}`] ?? defaults[k] }]));
const { values: flags } = parseArgs({ options: { ...options, variants: { type: "boolean", default: Boolean(process.env.BENCH_VARIANTS) }, help: { type: "boolean" } } });
if (flags.help) {
  console.log(`npm run bench -- [--flag=value …]\n${Object.entries(defaults).map(([k, v]) => `  --${k}=${v}`).join("\n")}\n  --variants  also run the design variants (bench/variants.mjs) as targets\n(or BENCH_<FLAG> in the environment; --history-messages=0 skips history reads, --scenarios= the fan-outs, both\nskip the targets' rounds; --features= skips the features part, --features=search runs only that one)\nfeatures: history (a page of 100 with replies and reactions ÷ a plain one), search (two-word searches ÷ history\npages; posts with ÷ without the full-text index), activity (a channel's fan-out with ÷ without the server room's\nactivity events, the baseline a worktree of the same checkout without them); only the features, quickly:\n  node bench/run.mjs --scenarios= --history-messages=0 --features-scale=0.05 --features-seconds=3 --features-rounds=1`);
  process.exit(0);
}
const num = (k) => Number(flags[k]);
// inherited by every sqld the targets start (scripts/lib/sqld.mjs passes its environment on)
process.env.SQLD_MAX_CONCURRENT_CONNECTIONS = flags["sqld-connections"];
const scenarios = flags.scenarios.split(",").filter(Boolean).map((s) => {
  const [subscribers, rate] = s.split("@").map(Number);
  if (!(subscribers > 0 && rate > 0)) throw new Error(`bad scenario "${s}": want <subscribers>@<rate>`);
  const senders = flags.senders === "auto" ? Math.ceil(2 * rate) : num("senders");
  if (!(senders > 0)) throw new Error(`bad --senders "${flags.senders}": want auto or a number`);
  return { subscribers, rate, senders };
});
const modes = flags.clients.split(",").filter(Boolean);
for (const m of modes) if (m !== "deflate" && m !== "plain") throw new Error(`bad --clients "${m}": want deflate and/or plain`);
// the targets are set up once with enough senders for every scenario
const senders = Math.max(1, ...scenarios.map((s) => s.senders));
const featureNames = flags.features.split(",").map((f) => f.trim()).filter(Boolean);
for (const f of featureNames) if (!FEATURES.includes(f)) throw new Error(`bad --features "${f}": want any of ${FEATURES.join(",")}, or nothing`);
// no fan-out and no history: the targets' rounds have nothing to measure, and are not started at all
const targetRounds = scenarios.length > 0 || num("history-messages") > 0;
const fanoutOpts = { warmupS: num("warmup"), durationS: num("duration"), drainS: num("drain") };
// "product@<dir>" runs the product from another checkout too (before/after comparisons), named by that folder
const makers = {
  product: productTarget,
  "product-dev": (o) => productTarget({ ...o, workerRuntime: "dev" }),
  // the product with relays of 250 sockets (ROOM_RELAY_SOCKETS): locally every object shares workerd's one thread, so
  // this measures what relays cost, not the spread they buy in production
  "product-relays": (o) => productTarget({ ...o, name: "product-relays", extraVars: { ROOM_RELAY_SOCKETS: String(flags["relay-sockets"]) } }),
  socketio: socketioTarget,
  floor: floorTarget,
};
const namedVariants = flags.targets.split(",").filter((t) => VARIANTS.some((v) => v.name === t));
const variantSet = flags.variants || namedVariants.length ? makeVariants(chosenVariants(flags.variants, namedVariants)) : undefined;
if (variantSet) for (const v of variantSet.variants) console.log(`variant ${v.name} (${v.root}): ${v.what}`);
const order = flags.targets.split(",").filter((t) => t && !namedVariants.includes(t)).map((t) => {
  const [kind, root] = t.split("@");
  const isProduct = kind.startsWith("product");
  if (!makers[kind] || (root && !isProduct)) throw new Error(`unknown target "${t}": want product, product-dev, product-relays, product@<checkout>, a variant, socketio or floor`);
  const checkout = root ?? (isProduct ? flags["product-root"] : "");
  return { name: root ? `${kind}@${path.basename(root)}` : kind, make: (o) => makers[kind]({ ...o, ...(checkout && { root: path.resolve(checkout) }) }) };
});
// variants named in --targets keep their place in the order; the rest (--variants) come last
for (const v of variantSet?.variants ?? []) order.splice(namedVariants.includes(v.name) ? Math.min(flags.targets.split(",").indexOf(v.name), order.length) : order.length, 0, { name: v.name, make: (o) => productTarget({ ...o, root: v.root, name: v.name }) });
if (new Set(order.map((t) => t.name)).size !== order.length) throw new Error("a target is named twice; use --rounds to repeat");
const names = order.map((t) => t.name);

const rounds = Array.from({ length: Math.max(1, num("rounds")) }, () => ({ fanout: scenarios.map(() => Object.fromEntries(modes.map((m) => [m, {}]))), history: {} }));
let current;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    console.error(`\n${signal}: stopping ${current?.name ?? "nothing"}`);
    await current?.stop().catch(() => {});
    variantSet?.remove();
    await stopFeatures();
    process.exit(130);
  });
}

const started = Date.now();
const loadBefore = os.loadavg();
if (loadBefore[0] > 1.5) console.warn(`warning: load average ${loadBefore[0].toFixed(1)} on ${os.cpus().length} cores before the run; other work on this machine will show in the figures`);
for (const [round, results] of targetRounds ? rounds.entries() : []) for (const k of order.keys()) {
  // the order rotates from round to round, so no target always comes first (or right after the heaviest one)
  const { name, make } = order[(k + round) % order.length];
  const target = (current = make({ senders, profiles: num("profiles") }));
  console.log(`\n== ${target.label}${rounds.length > 1 ? `, round ${round + 1} of ${rounds.length}` : ""}`);
  try {
    const startedAt = Date.now();
    const info = await target.start();
    console.log(`   started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s${info.log ? `; logs: ${info.log}` : ""}`);
    for (const [i, s] of scenarios.entries()) for (const mode of modes) {
      // workerd keeps the descriptors of a big room's closed sockets for a long while (two a connection): a second
      // 5,000-socket room beside them would meet the process's limit, so the target starts afresh
      if ((await fdsSettled(target.pids())) + 2.5 * s.subscribers > 18_000) {
        await target.stop();
        await target.start();
        console.log(`   restarted: the sockets of the scenario before still held their descriptors`);
      }
      const runTag = `fanout-${s.subscribers}-${mode}-${Date.now().toString(36)}`;
      const room = await target.room(s.subscribers, runTag);
      const loadBefore = os.loadavg()[0];
      const r = { ...(await runFanout(target, room, { ...fanoutOpts, ...s, deflate: mode === "deflate" })), loadBefore };
      results.fanout[i][mode][name] = r;
      console.log(`   ${s.subscribers} subscribers @ ${s.rate}/s, ${mode} clients (negotiated: ${r.extensions?.negotiated}): connected in ${(r.connectMs / 1000).toFixed(1)} s (load ${loadBefore.toFixed(1)}); delivery p99 ${r.delivery.p99.toFixed(1)} ms, last subscriber p99 ${r.lastSubscriber.p99.toFixed(1)} ms, ${Math.round(r.deliveriesPerSecond)} deliveries/s, lost ${r.lost}, dup ${r.counters[1]}, out of order ${r.counters[2]}${r.postErrors ? `, POST errors ${JSON.stringify(r.errorStatuses)}` : ""}`);
      console.log(`   CPU s: ${Object.entries(r.cpuSeconds.byPart).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(", ")}; bench ${r.cpuSeconds.bench.toFixed(1)}; peak RSS ${Math.round(r.peak.total)} MiB`);
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
variantSet?.remove();

const features = featureNames.length > 0
  ? await runFeatures({
    features: featureNames, scale: num("features-scale"), rounds: Math.max(1, num("features-rounds")), phaseS: num("features-seconds"),
    clients: num("history-clients"), fanout: fanoutOpts, ...(flags["product-root"] && { root: path.resolve(flags["product-root"]) }),
  })
  : undefined;

const results = {
  fanout: scenarios.map((_, i) => Object.fromEntries(modes.map((m) => [m, Object.fromEntries(names.map((n) => [n, medianOf(rounds.map((r) => r.fanout[i][m][n]))]))]))),
  history: num("history-messages") > 0 ? Object.fromEntries(names.map((n) => [n, medianOf(rounds.map((r) => r.history[n]))])) : {},
};
const of = rounds.length > 1 ? ` (median of ${rounds.length} rounds)` : "";
const modeLabel = { deflate: "subscribers offer permessage-deflate (as Chromium)", plain: "subscribers offer no extension" };
const negotiated = (res) => names.filter((n) => res[n]).map((n) => `${n}: ${res[n].extensions?.negotiated ?? "?"}${res[n].extensions?.header === undefined ? "" : res[n].extensions.header ? ` (header "${res[n].extensions.header}")` : " (no extensions header in the 101)"}`).join("; ");
const tables = [
  ...scenarios.flatMap((s, i) =>
    modes.map((m) =>
      `${table(`Fan-out: ${s.subscribers} subscribers, ${s.rate} messages/s from ${s.senders} senders, ${fanoutOpts.durationS} s after ${fanoutOpts.warmupS} s warm-up, ${modeLabel[m]}${of}`, fanoutRows, results.fanout[i][m], names)}\n\nExtension negotiated: ${negotiated(results.fanout[i][m])}`,
    ),
  ),
  ...(targetRounds && num("history-messages") > 0
    ? [table(`History: newest page of 10 from a channel of ${num("history-messages").toLocaleString("en-US")} messages, ${num("history-requests")} requests from ${num("history-clients")} clients${of}`, historyRows, results.history, names)]
    : []),
  ...(scenarios.length > 0 && rounds.length > 1 ? [roundsTable(scenarios, modes, rounds, names)] : []),
  ...(features?.tables ?? []),
];
const verdicts = scenarios.length > 0 ? goals(scenarios, modes, results.fanout, names) : { text: "", rows: [] };
console.log(`\n${[...tables, verdicts.text, features?.goals.text].filter(Boolean).join("\n\n")}\n`);

const machine = {
  cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version,
  platform: `${os.platform()} ${os.release()}`, loadBefore, loadAfter: os.loadavg(),
};
const file = path.join(import.meta.dirname, "results", `${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
fs.mkdirSync(path.dirname(file), { recursive: true });
const scenarioResults = scenarios.map((s, i) => ({ ...s, clients: results.fanout[i] }));
const variants = variantSet?.variants.map(({ name, what, patches }) => ({ name, what, patches }));
fs.writeFileSync(file, JSON.stringify(rounded({ machine, flags, order: names, elapsedS: (Date.now() - started) / 1000, fanout: scenarioResults, history: results.history, goals: verdicts.rows, ...(features && { features: { ...features.results, goals: features.goals.rows } }), ...(variants && { variants }), ...(targetRounds && rounds.length > 1 && { rounds }) }), null, 2));
console.log(`written ${path.relative(process.cwd(), file)} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
