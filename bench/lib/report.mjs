// The printed tables: one per scenario, each target's figure side by side with its ratio to the Socket.io design.
import { round } from "./stats.mjs";

const BASE = "socketio";

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
  ["POST errors", (r) => r.postErrors, 0],
  ["sender lag max (ms)", (r) => r.maxLagMs],
  ["peak RSS, servers (MiB)", (r) => r.peak.total, 0],
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
  const head = ["figure", ...names, ...(results[BASE] ? others.map((n) => `${n} ÷ ${BASE}`) : [])];
  const lines = rows.map(([label, pick, digits = 1]) => {
    const values = names.map((n) => pick(results[n]));
    const base = results[BASE] ? pick(results[BASE]) : undefined;
    return [label, ...values.map((v) => fmt(v, digits)), ...(results[BASE] ? others.map((n) => ratio(pick(results[n]), base)) : [])];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
  return [`### ${title}`, "", row(head), `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`, ...lines.map(row)].join("\n");
}

/** Rounds every number in a result tree for the JSON file. */
export function rounded(value) {
  if (typeof value === "number") return Number.isInteger(value) ? value : round(value, 3);
  if (Array.isArray(value)) return value.map(rounded);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]));
  return value;
}
