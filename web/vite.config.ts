// Vite builds the Solid client into web/dist, which the worker serves; in dev it proxies /api and /parties to the worker.
import { defineConfig } from "vite";
import solid from "vite-plugin-solid";
import tailwindcss from "@tailwindcss/vite";
import { fileURLToPath } from "node:url";
import { sizeBudget } from "./size-budget.ts";

const workerUrl = process.env.WORKER_URL ?? "http://127.0.0.1:8787";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [solid(), tailwindcss(), sizeBudget(70)],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // form validation (valibot and the contract's schemas) only serves forms, which all load on demand: one chunk of
    // its own, or the bundler would put it in the first page as code several lazy chunks share
    rolldownOptions: { output: { codeSplitting: { includeDependenciesRecursively: false, groups: [
      { name: "forms", test: /node_modules[\\/]valibot|contract[\\/]schemas|lib[\\/]forms\.ts/ },
      // what the first page needs stays one chunk: split by what lazy chunks share, it compresses worse
      { name: "app", tags: ["$initial"] },
    ] } } },
  },
  server: {
    host: "127.0.0.1",
    port: 5173,
    strictPort: true,
    // the Host header is kept, so the worker sees the browser's own origin (its CSRF check passes, and tickets
    // name this server as the rooms' host); the rooms' WebSockets come through here too
    proxy: {
      "/api": { target: workerUrl, changeOrigin: false },
      "/parties": { target: workerUrl, changeOrigin: false, ws: true },
    },
  },
});
