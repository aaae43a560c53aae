// Runs the worker the way `wrangler deploy` ships it: the bundle `wrangler deploy --dry-run --outdir` writes (the
// exact script a deploy uploads), with its rooms' Durable Objects, R2 bucket and static assets, in workerd through
// Miniflare's own API (the local runtime wrangler itself is built on), with no dev server in front. Used by the
// benchmark's `product` target and by test/deployed-bundle.test.ts. `npm run dev` and the other tests keep
// `wrangler dev`.
//
// startDeployedWorker() spawns this file as a child process (`--serve`), so the runtime is one process tree that
// is stopped like every other piece (stack.mjs's stop) and whose CPU and memory the benchmark can read.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { root } from "./sqld.mjs";

const OPTIONS_ENV = "EDGECORD_DEPLOYED_OPTIONS";
const WRANGLER_ENV = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };

/** `wrangler deploy --dry-run --outdir`: the script a deploy uploads, and what wrangler printed about it. */
export function bundleWorker({ outDir, cwd = root }) {
  try {
    const printed = execFileSync(path.join(cwd, "node_modules", ".bin", "wrangler"), ["deploy", "--dry-run", "--outdir", outDir], { cwd, env: WRANGLER_ENV, stdio: "pipe", encoding: "utf8" });
    return { entry: path.join(outDir, "index.js"), printed };
  } catch (err) {
    const output = `${err.stdout ?? ""}${err.stderr ?? ""}`.trim().split("\n").slice(-8).join("\n");
    throw new Error(`wrangler deploy --dry-run failed:\n${output}`);
  }
}

/**
 * What wrangler.toml asks of the runtime, read by wrangler itself as `wrangler dev` reads it: compatibility, vars,
 * the rooms' Durable Objects (SQLite-backed by their migration), the R2 bucket and the static assets' routing.
 */
async function wranglerOptions(cwd) {
  const { experimental_readRawConfig, unstable_getMiniflareWorkerOptions } = await import("wrangler");
  const configPath = path.join(cwd, "wrangler.toml");
  const { rawConfig } = experimental_readRawConfig({ config: configPath });
  const { workerOptions } = unstable_getMiniflareWorkerOptions(configPath);
  return { rawConfig, workerOptions };
}

async function serve({ port, vars, dir, cwd }) {
  const { Miniflare, convertV4MiniflareOptions } = await import("miniflare");
  const { rawConfig, workerOptions } = await wranglerOptions(cwd);
  const { entry } = bundleWorker({ outDir: path.join(dir, "bundle"), cwd });
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: "127.0.0.1",
      port,
      scriptPath: entry,
      modules: true,
      modulesRoot: path.dirname(entry),
      compatibilityDate: rawConfig.compatibility_date,
      compatibilityFlags: rawConfig.compatibility_flags ?? [],
      // vars and secrets alike become text bindings, as in production
      bindings: { ...(rawConfig.vars ?? {}), ...vars },
      durableObjects: workerOptions.durableObjects,
      r2Buckets: workerOptions.r2Buckets,
      assets: workerOptions.assets,
      // /cdn-cgi/local/scheduled runs the Cron Trigger's handler, as it does under `wrangler dev --test-scheduled`
      unsafeTriggerHandlers: true,
      durableObjectsPersist: path.join(dir, "state", "do"),
      r2Persist: path.join(dir, "state", "r2"),
    }),
  );
  await mf.ready;
  console.log(`deployed bundle ready on http://127.0.0.1:${port}`);
  const quit = () => mf.dispose().finally(() => process.exit(0));
  process.on("SIGTERM", quit);
  process.on("SIGINT", quit);
}

/**
 * Bundles the worker and serves it on 127.0.0.1:`port`; resolves to the child process once spawned (wait for
 * `/api/config` to answer). `vars` become text bindings beside wrangler.toml's [vars].
 */
export function startDeployedWorker({ port, vars, dir, cwd = root, stdio = "ignore" }) {
  fs.mkdirSync(dir, { recursive: true });
  // the settings (secrets among them) travel in the child's environment, which only this user can read, never
  // on its command line, which anyone can (`ps`)
  const args = [fileURLToPath(import.meta.url), "--serve"];
  const child = spawn(process.execPath, args, { cwd, stdio, env: { ...WRANGLER_ENV, [OPTIONS_ENV]: JSON.stringify({ port, vars, dir, cwd }) } });
  child.once("exit", (code, signal) => {
    if (!child.stopping && code !== 0) console.error(`the deployed bundle exited with ${code ?? signal}`);
  });
  return child;
}

if (process.argv[2] === "--serve") {
  const options = JSON.parse(process.env[OPTIONS_ENV] ?? "{}");
  delete process.env[OPTIONS_ENV];
  serve(options).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
