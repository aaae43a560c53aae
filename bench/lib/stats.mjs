// Order statistics over latency samples, and small number formatting for the tables.

/** Nearest-rank percentile of an already sorted array (p in 0..100); NaN when empty. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Sorts a copy (typed arrays sort numerically) and returns the usual summary. */
export function summarize(values) {
  const sorted = Float64Array.from(values).sort();
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
  };
}

export const round = (x, digits = 1) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);

/** The median, figure by figure, of results that share one shape (numbers, arrays and objects of them). */
export function medianOf(list) {
  const first = list[0];
  if (typeof first === "number") {
    const sorted = [...list].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
  if (Array.isArray(first)) return first.map((_, i) => medianOf(list.map((x) => x[i])));
  if (first && typeof first === "object") {
    const keys = [...new Set(list.flatMap((x) => Object.keys(x ?? {})))];
    return Object.fromEntries(keys.map((k) => [k, medianOf(list.map((x) => x?.[k] ?? 0))]));
  }
  return first;
}
