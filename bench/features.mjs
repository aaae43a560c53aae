// The features part of `npm run bench`: what three features cost, each against a baseline measured in the same run,
// on the product as deployed. `history` (issue 13): a page of messages with replies and reactions against one of
// plain messages. `search` (issue 17): two-word searches against history pages, and a post with the full-text index
// against one without it. `activity` (issue 14): a channel's fan-out while the server's room gets an activity event
// per message, against the same checkout without that call (a worktree). Called by bench/run.mjs (--features=…).
import path from "node:path";
import { productTarget } from "./targets/product.mjs";
import { makeVariants, WITHOUT_ACTIVITY } from "./variants.mjs";
import { fanoutRows, table } from "./lib/report.mjs";
import { medianOf } from "./lib/stats.mjs";
import { historyFeatureRows, runHistoryFeature } from "./lib/features-history.mjs";
import { indexingFeatureRows, runIndexingFeature, runSearchFeature, searchFeatureRows } from "./lib/features-search.mjs";
import { activityFeatureRows, runActivitySide } from "./lib/features-activity.mjs";

export const FEATURES = ["history", "search", "activity"];
const here = path.resolve(import.meta.dirname, "..");

/** The sizes at `scale` 1 (the issues' figures); `--features-scale` multiplies the counts, never the rates. */
export function featureSizes(scale) {
  const n = (full, min) => Math.max(min, Math.round(full * scale));
  const rate = 20;
  const senders = Math.ceil(2 * rate); // 0.5 messages/s each, half the rate limit, as the fan-out scenarios
  return {
    history: { messages: n(5_000, 100), page: 100, requests: n(1_000, 100), warmup: 20 },
    search: { messages: n(100_000, 1_000), channels: 10, vocabulary: 3_000, queries: 200, requests: n(1_000, 100), warmup: 20 },
    indexing: { rate: 20, phases: 4, settleS: 1 },
    activity: { crowd: n(1_000, senders), subscribers: n(100, 1), rate, senders },
  };
}

// what a signal must stop: the stack running now, and the activity baseline's worktree
let running;
let worktrees;
export async function stopFeatures() {
  await running?.stop().catch(() => {});
  worktrees?.remove();
}

async function withTarget(target, fn) {
  running = target;
  try {
    const started = Date.now();
    const info = await target.start();
    console.log(`   started in ${((Date.now() - started) / 1000).toFixed(1)} s${info.log ? `; logs: ${info.log}` : ""}`);
    return await fn(target);
  } finally {
    await target.stop();
    running = undefined;
  }
}

/**
 * `opts` = { features: names, scale, rounds (of the activity scenario), phaseS (each indexing phase), clients (of
 * the reads), fanout: { warmupS, durationS, drainS }, root (the product's checkout, or undefined: this one) }.
 * Answers { tables: [markdown], goals: { text, rows }, results } for run.mjs to print and write.
 */
export async function runFeatures(opts) {
  const root = opts.root ?? here;
  const sizes = featureSizes(opts.scale);
  const results = {};
  const tables = [];
  const on = (f) => opts.features.includes(f);
  const f = (x) => x.toLocaleString("en-US");

  // a feature that fails says why and the run goes on: the other parts' figures are still worth having
  const attempt = async (names, fn) => {
    try {
      await fn();
    } catch (err) {
      console.error(`   features: ${names.join(", ")} failed: ${err.stack ?? err}`);
      for (const name of names) results[name] ??= { error: String(err.message ?? err) };
    }
  };

  const reads = ["history", "search"].filter(on);
  if (reads.length) await attempt(reads, async () => {
    // posts of the indexing phases come faster than the per-member limit allows: raised, not removed
    const target = productTarget({ senders: 1, profiles: 6, root, extraVars: { RATE_LIMIT_MESSAGES: "100000/1", RATE_LIMIT_MESSAGES_PERSON: "100000/1", RATE_LIMIT_REACTIONS: "100000/1", RATE_LIMIT_EDITS: "100000/1", RATE_LIMIT_SEARCH: "100000/1", RATE_LIMIT_TICKETS: "100000/1", RATE_LIMIT_SIGN_UP: "100000/1" } });
    console.log(`\n== features: ${reads.join(", ")} on ${target.label}`);
    await withTarget(target, async () => {
      if (on("history")) await attempt(["history"], async () => {
        const s = sizes.history;
        const r = await runHistoryFeature(target, { ...s, clients: opts.clients });
        results.history = r;
        console.log(`   history (2 × ${f(r.messages)} messages, filled in ${r.fillS.toFixed(1)} s): page p99 plain ${r.plain.latency.p99.toFixed(1)} ms, rich ${r.rich.latency.p99.toFixed(1)} ms, errors ${r.plain.errors + r.rich.errors}`);
        tables.push(table(`History with replies and reactions: newest page of ${s.page} from two channels of ${f(s.messages)} messages each (rich: every message a reply, ${r.reactionsPerMessage} reactions with 3 emoji from several members), ${f(s.requests)} requests of each from ${opts.clients} clients, interleaved`, historyFeatureRows, { plain: r.plain, rich: r.rich }, ["plain", "rich"]));
      });
      if (on("search")) await attempt(["search"], async () => {
        const s = sizes.search;
        const { result: r, state } = await runSearchFeature(target, { ...s, clients: opts.clients });
        results.search = r;
        console.log(`   search (${f(r.messages)} messages in ${r.channels} channels, filled and indexed in ${r.fillS.toFixed(1)} s; queries match ${r.queries.matches.min}–${r.queries.matches.max}, median ${r.queries.matches.p50}): p99 search ${r.search.latency.p99.toFixed(1)} ms, history page ${r.history.latency.p99.toFixed(1)} ms, read states ${r.readStates.latency.p99.toFixed(1)} ms, errors ${r.search.errors + r.history.errors + r.readStates.errors}`);
        tables.push(`${table(`Search: two-word searches (limit 25), history pages (limit 25) and a member's read states (GET /api/read-states: every channel unread from its first message) over a server of ${f(s.messages)} messages in ${s.channels} channels, ${f(s.requests)} requests of each from ${opts.clients} clients, interleaved`, searchFeatureRows, { "history page": r.history, search: r.search, "read states": r.readStates }, ["history page", "search", "read states"])}\n\n${s.queries} queries such as ${r.queries.examples.slice(0, 3).map((q) => `"${q}"`).join(", ")}; each matches ${r.queries.matches.min} to ${f(r.queries.matches.max)} messages (median ${r.queries.matches.p50}, ${(100 * r.queries.matches.medianShare).toFixed(2)} % of them); words from a vocabulary of ${f(s.vocabulary)}.`);
        const i = sizes.indexing;
        const x = await runIndexingFeature(target, state, { ...i, phaseS: opts.phaseS, root });
        r.indexing = x;
        console.log(`   indexing (${i.phases} phases of ${opts.phaseS} s at ${i.rate}/s): POST p99 with the index ${x.with.ack.p99.toFixed(1)} ms, without ${x.without.ack.p99.toFixed(1)} ms, errors ${x.with.errors + x.without.errors}`);
        tables.push(table(`Indexing: message posts at ${i.rate}/s with the full-text index's insert trigger and without it (DROP TRIGGER messages_fts_insert), ${i.phases} alternating phases of ${opts.phaseS} s (after ${i.settleS} s not counted), in the server of ${f(s.messages)} messages`, indexingFeatureRows, { "with index": x.with, "without index": x.without }, ["with index", "without index"]));
      });
    });
  });

  if (on("activity")) await attempt(["activity"], async () => {
    const s = sizes.activity;
    // the baseline is the product's checkout as it is (HEAD and whatever is not committed yet) less the one call, so
    // the two sides differ by the activity events alone
    worktrees = makeVariants([WITHOUT_ACTIVITY], { from: root, withChanges: true });
    const baseline = worktrees.variants[0];
    console.log(`\n   activity baseline ${baseline.name}: ${baseline.root}, HEAD of ${root}${baseline.uncommitted.length ? ` with its ${baseline.uncommitted.length} uncommitted file(s)` : ""}, in which ${baseline.what}`);
    const sides = {
      product: { make: () => productTarget({ senders: 1, profiles: 0, root }), announces: true },
      [baseline.name]: { make: () => productTarget({ senders: 1, profiles: 0, root: baseline.root, name: baseline.name }), announces: false },
    };
    const names = Object.keys(sides);
    const rounds = [];
    try {
      for (let round = 0; round < opts.rounds; round++) {
        const byName = {};
        // the order alternates, so neither side always comes first
        for (const name of round % 2 ? [...names].reverse() : names) {
          const target = sides[name].make();
          console.log(`\n== features: activity, ${name} (${target.label}${name === baseline.name ? `, ${baseline.what}` : ""}), round ${round + 1} of ${opts.rounds}`);
          const r = (byName[name] = await withTarget(target, () => runActivitySide(target, { ...s, ...opts.fanout, announces: sides[name].announces })));
          console.log(`   ${s.crowd} server-room sockets (connected in ${(r.activity.connectMs / 1000).toFixed(1)} s), ${s.subscribers} on the channel @ ${s.rate}/s: delivery p99 ${r.delivery.p99.toFixed(1)} ms, lost ${r.lost}; activity frames ${r.activity.received} of ${r.activity.due} due, duplicated ${r.activity.duplicated}, activity p99 ${Number.isFinite(r.activity.delivery.p99) ? `${r.activity.delivery.p99.toFixed(1)} ms` : "–"}${r.postErrors ? `, POST errors ${JSON.stringify(r.errorStatuses)}` : ""}`);
        }
        rounds.push(byName);
      }
    } finally {
      worktrees.remove();
      worktrees = undefined;
    }
    const median = Object.fromEntries(names.map((n) => [n, medianOf(rounds.map((r) => r[n]))]));
    results.activity = { ...s, ...opts.fanout, baseline: { name: baseline.name, what: baseline.what, patches: baseline.patches, uncommitted: baseline.uncommitted }, median, rounds };
    const keep = new Set(["POST ack p99 (ms)", "delivery p50 (ms)", "delivery p95 (ms)", "delivery p99 (ms)", "delivery max (ms)", "last subscriber p99 (ms)", "deliveries/s", "lost", "duplicated", "out of order", "sockets closed by the server", "POST errors", "peak RSS, servers (MiB)", "CPU, servers (s)", "CPU per message, servers (ms)"]);
    const rows = [...fanoutRows.filter(([label]) => keep.has(label)), ...activityFeatureRows];
    const of = opts.rounds > 1 ? ` (median of ${opts.rounds} rounds)` : "";
    tables.push(`${table(`Activity events: ${f(s.crowd)} sockets on the server's room, ${s.subscribers} of those people also on one channel's room, ${s.rate} messages/s to that channel from ${s.senders} senders, ${opts.fanout.durationS} s after ${opts.fanout.warmupS} s warm-up, every socket offering permessage-deflate${of}`, rows, median, names)}\n\nExtension negotiated on the channel's sockets: ${names.map((n) => `${n}: ${median[n].extensions?.negotiated ?? "?"}`).join("; ")}. ${baseline.name}: the product's checkout (a worktree of its HEAD with its uncommitted files) in which ${baseline.what}.`);
  });

  const goals = featureGoals(results);
  return { tables, goals, results };
}

/** Each feature's goal as a ratio of two figures of the same run, with ✓/✗. */
function featureGoals(results) {
  const rows = [];
  const ratio = (goal, a, b, max) => rows.push({ goal, ratio: a / b, max, met: a / b <= max });
  const h = results.history;
  if (h?.rich) {
    ratio("history: rich ÷ plain page p50", h.rich.latency.p50, h.plain.latency.p50, 1.5);
    ratio("history: rich ÷ plain page p99", h.rich.latency.p99, h.plain.latency.p99, 1.5);
  }
  const s = results.search;
  if (s?.search) ratio("search: search p99 ÷ history page p99", s.search.latency.p99, s.history.latency.p99, 2);
  if (s?.readStates) ratio("read states (never marked) p99 ÷ history page p99", s.readStates.latency.p99, s.history.latency.p99, 2);
  if (s?.indexing) {
    ratio("search: POST p99 with ÷ without the index", s.indexing.with.ack.p99, s.indexing.without.ack.p99, 1.1);
  }
  const a = results.activity?.median;
  if (a) {
    const [withIt, without] = Object.values(a);
    ratio("activity: channel delivery p99 with ÷ without", withIt.delivery.p99, without.delivery.p99, 1.2);
    rows.push({ goal: "activity: frames lost/duplicated = 0", detail: `${withIt.activity.lost}/${withIt.activity.duplicated + withIt.activity.stray} of ${withIt.activity.due.toLocaleString("en-US")}`, met: withIt.activity.lost === 0 && withIt.activity.duplicated + withIt.activity.stray === 0 });
    rows.push({ goal: "activity: channel lost/duplicated/out of order = 0", detail: Object.values(a).map((r) => `${r.lost}/${r.counters[1]}/${r.counters[2]}`).join(", "), met: Object.values(a).every((r) => r.lost + r.counters[1] + r.counters[2] === 0) });
  }
  for (const [name, r] of Object.entries(results)) if (r.error) rows.push({ goal: `${name}: ran to the end`, detail: "failed", met: false });
  const lines = rows.map((r) => [r.goal, r.detail ?? (Number.isFinite(r.ratio) ? `${r.ratio.toFixed(2)}×` : "–"), r.max ? `≤ ${r.max.toFixed(2)}×` : "", r.met ? "✓" : "✗"]);
  const head = ["goal (ratios of figures of the same run)", "measured", "at most", "met"];
  const widths = head.map((x, i) => Math.max(x.length, ...lines.map((l) => l[i].length)));
  const row = (cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
  const text = rows.length ? ["### Goals (features)", "", row(head), `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`, ...lines.map(row)].join("\n") : "";
  return { text, rows };
}
