// Starts the product's processes (sqld, partykit dev, wrangler dev) on chosen ports: used by `npm run dev`,
// the test suite and the benchmark, so all three run exactly the same pieces.
import { spawn } from "node:child_process";
import path from "node:path";
import { root, startSqld, migrateDatabase, waitFor } from "./sqld.mjs";

const bin = (name) => path.join(root, "node_modules", ".bin", name);

/** Quiet, offline, no prompts: what every wrangler and partykit child gets. */
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

export function startPartykit({ port, secret, persistDir, stdio = "ignore" }) {
  const args = ["dev", "--port", String(port), "--no-hotkeys", "--disable-request-cf-fetch", "--var", `REALTIME_SECRET=${secret}`];
  if (persistDir) args.push("--persist", persistDir);
  return track(spawn(bin("partykit"), args, { cwd: root, stdio, env: childEnv }), "partykit");
}

export function startWorker({ port, inspectorPort, vars, persistDir, stdio = "ignore" }) {
  const args = ["dev", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspectorPort),
    "--show-interactive-dev-session=false", "--log-level", "warn"];
  for (const [k, v] of Object.entries(vars)) args.push("--var", `${k}:${v}`);
  if (persistDir) args.push("--persist-to", persistDir);
  return track(spawn(bin("wrangler"), args, { cwd: root, stdio, env: childEnv }), "wrangler");
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
 * The whole back end: sqld with migrations, the rooms and the worker. Resolves when every piece answers.
 * `ports` = { sqld, partykit, worker, inspector }. `onSpawn(name, child)`, if given, sees each child as soon as it
 * exists (sqld once it is healthy), so a caller can read piped output and notice a death during start-up.
 * If a piece does not answer within `readyTimeoutMs`, everything started is stopped and the error thrown.
 */
export async function startStack({ ports, dataDir, secret, stdio = "ignore", extraVars = {}, onSpawn = () => {}, readyTimeoutMs = 60_000, workerRuntime = "dev" }) {
  const sqld = await startSqld({ port: ports.sqld, dbPath: path.join(dataDir, "db.sqld"), stdio: stdio === "ignore" ? "ignore" : stdio("sqld") });
  onSpawn("sqld", sqld);
  const databaseUrl = `http://127.0.0.1:${ports.sqld}`;
  const workerUrl = `http://127.0.0.1:${ports.worker}`;
  let partykit, worker;
  try {
    await migrateDatabase(databaseUrl);
    partykit = startPartykit({ port: ports.partykit, secret, persistDir: path.join(dataDir, "partykit"), stdio: stdio === "ignore" ? "ignore" : stdio("rooms") });
    onSpawn("rooms", partykit);
    const vars = {
      DATABASE_URL: databaseUrl,
      PARTYKIT_HOST: `127.0.0.1:${ports.partykit}`,
      REALTIME_SECRET: secret,
      LIVEKIT_API_KEY: "devkey",
      LIVEKIT_API_SECRET: "secret",
      ...extraVars,
    };
    const workerStdio = stdio === "ignore" ? "ignore" : stdio("worker");
    // "deployed": the bundle `wrangler deploy` would upload, in workerd with no dev server in front (the benchmark)
    worker =
      workerRuntime === "deployed"
        ? (await import("./workerd.mjs")).startDeployedWorker({ port: ports.worker, dir: path.join(dataDir, "workerd"), stdio: workerStdio, vars: { LIVEKIT_URL: "ws://127.0.0.1:7880", ...vars } })
        : startWorker({ port: ports.worker, inspectorPort: ports.inspector, persistDir: path.join(dataDir, "wrangler"), stdio: workerStdio, vars });
    onSpawn("worker", worker);
    await Promise.all([
      waitFor(`${workerUrl}/api/config`, { what: "worker", timeoutMs: readyTimeoutMs }),
      waitFor(`http://127.0.0.1:${ports.partykit}/parties/main/ready`, { what: "partykit", timeoutMs: readyTimeoutMs }),
    ]);
  } catch (err) {
    await stop(worker, partykit, sqld);
    throw err;
  }
  return { sqld, partykit, worker, databaseUrl, workerUrl, partykitUrl: `http://127.0.0.1:${ports.partykit}` };
}
