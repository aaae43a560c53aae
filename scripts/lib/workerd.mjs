// Runs the worker the way `wrangler deploy` ships it: the bundle `wrangler deploy --dry-run` writes, in workerd (the
// runtime Cloudflare runs it on), with no dev server in front. Used by the benchmark to measure the product without
// wrangler dev's per-request proxy. No R2 here (workerd has no local R2 of its own): file routes answer 503, so this
// is a runtime for measuring message and history paths, not for `npm run dev`, which keeps wrangler dev.
import { execFileSync, spawn } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { root } from "./sqld.mjs";
import { childEnv } from "./stack.mjs";

/** The workerd binary wrangler itself runs, so this is the same runtime version as `wrangler dev`. */
export function workerdBinary(from = root) {
  const fromWrangler = createRequire(path.join(from, "node_modules", "wrangler", "package.json"));
  return path.join(path.dirname(fromWrangler.resolve("workerd/package.json")), "bin", "workerd");
}

/** `wrangler deploy --dry-run --outdir`: the exact script a deploy uploads. Returns the entry file's path. */
export function bundleWorker({ outDir, cwd = root }) {
  try {
    execFileSync(path.join(cwd, "node_modules", ".bin", "wrangler"), ["deploy", "--dry-run", "--outdir", outDir], { cwd, env: childEnv, stdio: "pipe" });
  } catch (err) {
    const output = `${err.stdout ?? ""}${err.stderr ?? ""}`.trim().split("\n").slice(-8).join("\n");
    throw new Error(`wrangler deploy --dry-run failed:\n${output}`);
  }
  return path.join(outDir, "index.js");
}

/** The compatibility settings of wrangler.toml (the two keys this project sets). */
function compatibility(cwd) {
  const toml = fs.readFileSync(path.join(cwd, "wrangler.toml"), "utf8");
  const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  const flags = [...(/^compatibility_flags\s*=\s*\[([^\]]*)\]/m.exec(toml)?.[1] ?? "").matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  if (!date) throw new Error("wrangler.toml has no compatibility_date");
  return { date, flags };
}

const capnpString = (s) => JSON.stringify(String(s));

/**
 * Bundles the worker and serves it with workerd on 127.0.0.1:`port`. `vars` become text bindings (vars and secrets
 * alike, as in production). Resolves to the child process once spawned; wait for `/api/config` to answer.
 */
export function startDeployedWorker({ port, vars, dir, cwd = root, stdio = "ignore" }) {
  fs.mkdirSync(dir, { recursive: true });
  const entry = bundleWorker({ outDir: path.join(dir, "bundle"), cwd });
  const { date, flags } = compatibility(cwd);
  const config = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [ (name = "http", address = ${capnpString(`127.0.0.1:${port}`)}, http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [ (name = "index.js", esModule = embed ${capnpString(path.relative(dir, entry))}) ],
  compatibilityDate = ${capnpString(date)},
  compatibilityFlags = [${flags.map(capnpString).join(", ")}],
  bindings = [${Object.entries(vars).map(([k, v]) => `(name = ${capnpString(k)}, text = ${capnpString(v)})`).join(", ")}],
  globalOutbound = "internet",
);
`;
  const configPath = path.join(dir, "worker.capnp");
  fs.writeFileSync(configPath, config);
  const child = spawn(workerdBinary(cwd), ["serve", configPath], { cwd: dir, stdio, env: childEnv });
  child.once("exit", (code, signal) => {
    if (!child.stopping && code !== 0) console.error(`workerd exited with ${code ?? signal}`);
  });
  return child;
}
