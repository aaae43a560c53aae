// The printed tables: one per scenario, each target's figure side by side with its ratio to the Socket.io design.
import { round } from "./stats.mjs";

const BASE = "socketio";
/** the floor for the room: the product with a bare Durable Object in its place (bench/variants.mjs) */
const FLOOR = "bare-room";

/** Rows of [label, pick(result) → number, digits]. */
export const fanoutRows = [
  ["POST ack p50 (ms)", (r) => r.ack.p50],
  ["POST ack p99 (ms)", (r) => r.ack.p99],
  ["delivery p50 (ms)", (r) => r.delivery.p50],
  ["delivery p95 (ms)", (r) => r.delivery.p95],
  ["delivery p99 (ms)", (r) => r.delivery.p99],
  ["delivery max (ms)", (r) => r.delivery.max],
  ["last subscriber p50 (ms)", (r) => r.lastSubscriber.p50],
  ["last subscriber p99 (ms)", (r) => r.lastSubscriber.p99],
  ["deliveries/s", (r) => r.deliveriesPerSecond, 0],
  ["lost", (r) => r.lost, 0],
  ["duplicated", (r) => r.counters[1], 0],
  ["out of order", (r) => r.counters[2], 0],
  // sockets the server closed during the run (wrangler dev drops them all when its checkout's files change)
  ["sockets closed by the server", (r) => r.counters[4], 0],
  ["POST errors", (r) => r.postErrors, 0],
  ["sender lag max (ms)", (r) => r.maxLagMs],
  ["peak RSS, servers (MiB)", (r) => r.peak.total, 0],
  // the deployed product's Node process is Miniflare's host (idle while serving; Cloudflare runs no such process)
  ["peak RSS less worker/node (MiB)", (r) => r.peak.total - (r.peak.byPart["worker/node"] ?? 0), 0],
  ["CPU, servers (s)", (r) => r.cpuSeconds.servers],
  ["CPU per message, servers (ms)", (r) => (1000 * r.cpuSeconds.servers) / r.sent],
  ["CPU, benchmark clients (s)", (r) => r.cpuSeconds.bench],
];

export const historyRows = [
  ["GET page p50 (ms)", (r) => r.latency.p50],
  ["GET page p99 (ms)", (r) => r.latency.p99],
  ["requests/s", (r) => r.perSecond, 0],
  ["errors", (r) => r.errors, 0],
  ["peak RSS, servers (MiB)", (r) => r.peak.total, 0],
];

const fmt = (x, digits = 1) => (x === undefined || x === null || Number.isNaN(x) ? "–" : Number(x).toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? `${(a / b).toFixed(2)}×` : a === 0 && b === 0 ? "=" : "–");

/** Renders a Markdown table (readable in a terminal and pasteable into docs/PERFORMANCE.md). */
export function table(title, rows, results, order) {
  const names = order.filter((n) => results[n]);
  const others = names.filter((n) => n !== BASE);
  // the product beside its floor too, when the bare room ran
  const floored = results[FLOOR] ? names.filter((n) => n.startsWith("product")) : [];
  const head = ["figure", ...names, ...(results[BASE] ? others.map((n) => `${n} ÷ ${BASE}`) : []), ...floored.map((n) => `${n} ÷ ${FLOOR}`)];
  const lines = rows.map(([label, pick, digits = 1]) => {
    const values = names.map((n) => pick(results[n]));
    const base = results[BASE] ? pick(results[BASE]) : undefined;
    const floor = results[FLOOR] ? pick(results[FLOOR]) : undefined;
    return [label, ...values.map((v) => fmt(v, digits)), ...(results[BASE] ? others.map((n) => ratio(pick(results[n]), base)) : []), ...floored.map((n) => ratio(pick(results[n]), floor))];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
  return [`### ${title}`, "", row(head), `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`, ...lines.map(row)].join("\n");
}

/** Each round's delivery p99 and CPU per message, target by target: the spread behind the medians. */
export function roundsTable(scenarios, modes, rounds, names) {
  const head = ["scenario, clients, figure", ...names.flatMap((n) => [n])];
  const lines = [];
  for (const [i, s] of scenarios.entries())
    for (const m of modes)
      for (const [label, pick] of [["delivery p99 (ms)", (r) => r.delivery.p99], ["CPU per message (ms)", (r) => (1000 * r.cpuSeconds.servers) / r.sent], ["lost/dup/out of order", (r) => `${r.lost}/${r.counters[1]}/${r.counters[2]}`]])
        lines.push([`${s.subscribers}@${s.rate} ${m}, ${label}`, ...names.map((n) => rounds.map((r) => (r.fanout[i][m][n] ? (typeof pick(r.fanout[i][m][n]) === "number" ? fmt(pick(r.fanout[i][m][n]), 0) : pick(r.fanout[i][m][n])) : "–")).join(" · "))]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
  return [`### Every round (round 1 · round 2 · …)`, "", row(head), `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`, ...lines.map(row)].join("\n");
}

/** Rounds every number in a result tree for the JSON file. */
export function rounded(value) {
  if (typeof value === "number") return Number.isInteger(value) ? value : round(value, 3);
  if (Array.isArray(value)) return value.map(rounded);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]));
  return value;
}

/** The issue's goals, product against the Socket.io design of the same run, per scenario and client kind. */
const GOALS = [
  { target: "product", label: "delivery p99", pick: (r) => r.delivery.p99, max: 0.8 },
  { target: "product", label: "last subscriber p99", pick: (r) => r.lastSubscriber.p99, max: 0.8 },
  { target: "product", label: "CPU per message, servers", pick: (r) => r.cpuSeconds.servers / r.sent, max: 1.0 },
  { target: "product", label: "peak RSS, servers", pick: (r) => r.peak.total, max: 1.5 },
  { target: "product-dev", label: "delivery p99", pick: (r) => r.delivery.p99, max: 1.0 },
];
const faults = (r) => r.lost + r.counters[1] + r.counters[2];

/** `fanout[i][mode][name]` → a Markdown table of ratios with ✓/✗, and the same as rows for the JSON. */
export function goals(scenarios, modes, fanout, names) {
  const cols = scenarios.flatMap((s, i) => modes.map((m) => ({ label: `${s.subscribers}@${s.rate} ${m}`, res: fanout[i][m] })));
  const rows = [];
  for (const g of GOALS) {
    if (!names.includes(g.target) || !names.includes(BASE)) continue;
    const cells = cols.map(({ res }) => {
      const ratio = res[g.target] && res[BASE] ? g.pick(res[g.target]) / g.pick(res[BASE]) : NaN;
      return { ratio, met: ratio <= g.max };
    });
    rows.push({ goal: `${g.target} ${g.label} ≤ ${g.max.toFixed(2)}× socketio`, cells });
  }
  if (names.includes("product") && names.includes(FLOOR)) {
    // a message's CPU is its POST (the same in both) and its sends: a bound on the room's own cost per send
    const cells = cols.map(({ res }) => {
      const ratio = res.product && res[FLOOR] ? res.product.cpuSeconds.servers / res.product.sent / (res[FLOOR].cpuSeconds.servers / res[FLOOR].sent) : NaN;
      return { ratio, met: ratio <= 1.5 };
    });
    rows.push({ goal: `product CPU per message ≤ 1.50× ${FLOOR}`, cells });
  }
  for (const n of names.filter((n) => n.startsWith("product"))) {
    const cells = cols.map(({ res }) => (res[n] ? { count: faults(res[n]), detail: `${res[n].lost}/${res[n].counters[1]}/${res[n].counters[2]}`, met: faults(res[n]) === 0 } : { met: false }));
    rows.push({ goal: `${n}: lost/duplicated/out of order = 0`, cells });
  }
  const head = ["goal (median ratios)", ...cols.map((c) => c.label)];
  const lines = rows.map((r) => [r.goal, ...r.cells.map((c) => (c.detail ?? (Number.isFinite(c.ratio) ? `${c.ratio.toFixed(2)}×` : "–")) + (c.met ? " ✓" : " ✗"))]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
  const text = ["### Goals", "", row(head), `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`, ...lines.map(row)].join("\n");
  return { text, rows: rows.map((r) => ({ goal: r.goal, ...Object.fromEntries(cols.map((c, i) => [c.label, r.cells[i]])) })) };
}
