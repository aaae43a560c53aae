// Starts the product's processes (sqld, and the worker with its rooms) on chosen ports: used by `npm run dev`,
// the test suite and the benchmark, so all three run exactly the same pieces.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { root, startSqld, migrateDatabase, waitFor } from "./sqld.mjs";

const bin = (name) => path.join(root, "node_modules", ".bin", name);

/** Quiet, offline, no prompts: what every wrangler child gets. */
export const childEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  CI: process.env.CI ?? "",
  NO_COLOR: process.env.NO_COLOR ?? "",
};

function track(child, name) {
  child.once("exit", (code, signal) => {
    if (!child.stopping && code !== 0) console.error(`${name} exited with ${code ?? signal}`);
  });
  return child;
}

/** `wrangler dev`: the worker with its rooms. `config`: another wrangler.toml than the project's (a test's). */
export function startWorker({ port, inspectorPort, vars, persistDir, config, stdio = "ignore" }) {
  const args = ["dev", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspectorPort),
    "--show-interactive-dev-session=false", "--log-level", "warn", "--test-scheduled"];
  if (config) args.push("--config", config);
  // the settings (secrets among them) go in a file only this user can read, never on the command line, where
  // anyone who runs `ps` would see them
  args.push("--env-file", writeEnvFile(persistDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "edgecord-worker-")), vars));
  if (persistDir) args.push("--persist-to", persistDir);
  return track(spawn(bin("wrangler"), args, { cwd: root, stdio, env: childEnv }), "wrangler");
}

/** `vars` as a dotenv file beside `dir` (mode 0600), for wrangler's --env-file. */
function writeEnvFile(dir, vars) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "worker.env");
  const quote = (k, v) => {
    if (/["\n\r]/.test(String(v))) throw new Error(`${k} cannot hold a quote or a line break`);
    return `"${v}"`;
  };
  fs.writeFileSync(file, Object.entries(vars).map(([k, v]) => `${k}=${quote(k, v)}\n`).join(""), { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return file;
}

export async function stop(...children) {
  await Promise.all(
    children.filter(Boolean).map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.stopping = true;
          child.once("exit", resolve);
          child.kill("SIGTERM");
          setTimeout(() => child.kill("SIGKILL"), 5000).unref();
        }),
    ),
  );
}

/**
 * The whole back end: sqld with migrations, and the worker with its rooms. Resolves when both answer.
 * `ports` = { sqld, worker, inspector }. `onSpawn(name, child)`, if given, sees each child as soon as it exists
 * (sqld once it is healthy), so a caller can read piped output and notice a death during start-up. If a piece does
 * not answer within `readyTimeoutMs`, everything started is stopped and the error thrown.
 * `workerRuntime`: "dev" is `wrangler dev` (npm run dev, the tests); "deployed" is the bundle `wrangler deploy`
 * ships, run by Miniflare with no dev server in front (the benchmark, and the deployed-bundle test).
 */
export async function startStack({ ports, dataDir, secret, stdio = "ignore", extraVars = {}, onSpawn = () => {}, readyTimeoutMs = 60_000, workerRuntime = "dev" }) {
  const sqld = await startSqld({ port: ports.sqld, dbPath: path.join(dataDir, "db.sqld"), stdio: stdio === "ignore" ? "ignore" : stdio("sqld") });
  onSpawn("sqld", sqld);
  const databaseUrl = `http://127.0.0.1:${ports.sqld}`;
  const workerUrl = `http://127.0.0.1:${ports.worker}`;
  let worker;
  try {
    await migrateDatabase(databaseUrl);
    const vars = {
      DATABASE_URL: databaseUrl,
      REALTIME_SECRET: secret,
      LIVEKIT_API_KEY: "devkey",
      LIVEKIT_API_SECRET: "secret",
      ...extraVars,
    };
    const workerStdio = stdio === "ignore" ? "ignore" : stdio("worker");
    worker =
      workerRuntime === "deployed"
        ? (await import("./deployed.mjs")).startDeployedWorker({ port: ports.worker, dir: path.join(dataDir, "deployed"), stdio: workerStdio, vars: { LIVEKIT_URL: "ws://127.0.0.1:7880", ...vars } })
        : startWorker({ port: ports.worker, inspectorPort: ports.inspector, persistDir: path.join(dataDir, "wrangler"), stdio: workerStdio, vars });
    onSpawn("worker", worker);
    await waitFor(`${workerUrl}/api/config`, { what: "worker", timeoutMs: readyTimeoutMs });
  } catch (err) {
    await stop(worker, sqld);
    throw err;
  }
  return { sqld, worker, databaseUrl, workerUrl };
}
