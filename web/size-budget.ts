// A Vite plugin that prints the gzip size of the JavaScript the first page needs — the entry chunk and every
// chunk it imports statically (what the browser must fetch before the app can draw) — and fails the build
// above the budget. Chunks behind dynamic import() (modals, the emoji picker, the media room) do not count.
import { gzipSync } from "node:zlib";
import type { Plugin } from "vite";

export function sizeBudget(limitKB: number): Plugin {
  return {
    name: "edgecord:size-budget",
    apply: "build",
    generateBundle(_options, bundle) {
      const chunks = new Map<string, { code: string; imports: string[]; isEntry: boolean; modules: Record<string, { renderedLength: number }> }>();
      for (const [name, item] of Object.entries(bundle)) if (item.type === "chunk") chunks.set(name, item);
      const entries = [...chunks].filter(([, c]) => c.isEntry).map(([name]) => name);
      const needed = new Set<string>();
      const visit = (name: string) => {
        if (needed.has(name) || !chunks.has(name)) return;
        needed.add(name);
        chunks.get(name)!.imports.forEach(visit);
      };
      entries.forEach(visit);

      const rows = [...needed].map((name) => ({ name, gzip: gzipSync(chunks.get(name)!.code, { level: 9 }).length }));
      const total = rows.reduce((sum, r) => sum + r.gzip, 0);
      const lazy = [...chunks.keys()].filter((n) => !needed.has(n));
      const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
      const lines = rows.map((r) => `  ${r.name.padEnd(40)} ${kb(r.gzip).padStart(10)}`);
      this.info(
        `\nFirst-page JavaScript (gzip): ${kb(total)} of ${limitKB} kB budget\n${lines.join("\n")}\n` +
          `  (${lazy.length} more chunks load on demand)`,
      );
      if (process.env.SIZE_BUDGET_VERBOSE) {
        // which modules weigh most (minified, before gzip), to see what to load lazily
        const mods = [...needed].flatMap((n) => Object.entries(chunks.get(n)!.modules)).sort((a, b) => b[1].renderedLength - a[1].renderedLength);
        for (const [id, m] of mods.slice(0, 40)) console.log(`${String(m.renderedLength).padStart(8)}  ${id.replace(/^.*node_modules\//, "")}`);
      }
      // also to stdout, so the figure shows in `npm run build` and in CI logs whatever the log level
      console.log(`[size-budget] first-page JavaScript: ${kb(total)} gzip (budget ${limitKB} kB)`);
      if (total > limitKB * 1000) this.error(`The first page needs ${kb(total)} of JavaScript (gzip), over the ${limitKB} kB budget`);
    },
  };
}
