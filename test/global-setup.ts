// Starts a throw-away stack for one project of the suite (vitest.config.ts): sqld with the migrations, and the
// worker with its rooms, in wrangler dev ("dev") or as deployed ("deployed": the dry-run bundle in Miniflare).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
// @ts-expect-error plain JS helpers shared with `npm run dev`
import { startStack, stop } from "../scripts/lib/stack.mjs";
// @ts-expect-error plain JS helper
import { freePort } from "../scripts/lib/ports.mjs";
import { SUITE_LIMITS as LIMITS } from "./limits";

declare module "vitest" {
  export interface ProvidedContext {
    workerUrl: string;
    databaseUrl: string;
    realtimeSecret: string;
    /** where the worker tells clients to find LiveKit: a free port no server listens on unless a test does */
    livekitUrl: string;
    /**
     * a free 127.0.0.1 port whose pages the worker may preview (LINK_PREVIEW_ALLOW): the link-preview tests serve
     * their pages there, and every other local address stays refused
     */
    previewPort: number;
    /** which runtime serves the worker: "dev" (wrangler dev) or "deployed" (the deployed bundle in Miniflare) */
    runtime: "dev" | "deployed";
  }
}


export default async function setup(project: TestProject) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "edgecord-test-"));
  const secret = crypto.randomUUID();
  // the processes' output is kept for a failing run to be read: test-output/stack-<runtime>.log (not committed)
  fs.mkdirSync("test-output", { recursive: true });
  const workerRuntime = project.name === "deployed" ? "deployed" : "dev";
  const logFile = fs.openSync(path.join("test-output", `stack-${workerRuntime}.log`), "w");
  // a free port can be taken by another process before our child binds it: start again on fresh ports
  let stack;
  const livekitUrl = `ws://127.0.0.1:${await freePort()}`;
  const previewPort = await freePort();
  for (let attempt = 1; !stack; attempt++) {
    const ports = { sqld: await freePort(), worker: await freePort(), inspector: await freePort() };
    try {
      stack = await startStack({ ports, dataDir: path.join(dataDir, String(attempt)), secret, workerRuntime, stdio: () => ["ignore", logFile, logFile], readyTimeoutMs: 45_000, extraVars: { LIVEKIT_URL: livekitUrl, LINK_PREVIEW_ALLOW: `127.0.0.1:${previewPort}`, ...LIMITS } });
    } catch (err) {
      if (attempt === 3) throw err;
      console.warn(`test stack did not start (${(err as Error).message}); trying again on other ports`);
    }
  }
  // a database that goes away mid-run fails every later test alike: say so where the failure's cause is looked for
  stack.sqld.once("exit", (code: number | null, signal: string | null) => {
    if (!stack.sqld.stopping) fs.writeSync(logFile, `${new Date().toISOString()} sqld exited during the run: ${code ?? signal}\n`);
  });
  project.provide("workerUrl", stack.workerUrl);
  project.provide("databaseUrl", stack.databaseUrl);
  project.provide("realtimeSecret", secret);
  project.provide("livekitUrl", livekitUrl);
  project.provide("runtime", workerRuntime);
  project.provide("previewPort", previewPort);
  return async () => {
    fs.writeSync(logFile, `${new Date().toISOString()} at the end of the run: ${await health(stack)}\n`);
    await stop(stack.worker, stack.sqld);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

/** Whether the stack's database still answers, and how many files its processes hold open: read when a run failed. */
async function health(stack: { sqld: { pid?: number }; worker: { pid?: number }; databaseUrl: string }) {
  const ask = async (what: string, run: () => Promise<Response>) => {
    try {
      const res = await run();
      return `${what} ${res.status}`;
    } catch (err) {
      return `${what} ${(err as Error).message}`;
    }
  };
  const pipeline = { requests: [{ type: "execute", stmt: { sql: "SELECT 1" } }, { type: "close" }] };
  // a process and its children (wrangler runs workerd), from /proc
  const openFiles = (pid?: number): number => {
    if (!pid) return 0;
    try {
      const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").split(" ").filter(Boolean).map(Number);
      return fs.readdirSync(`/proc/${pid}/fd`).length + children.reduce((n, child) => n + openFiles(child), 0);
    } catch {
      return 0;
    }
  };
  return [
    await ask("sqld /health", () => fetch(`${stack.databaseUrl}/health`, { signal: AbortSignal.timeout(3000) })),
    await ask("SELECT 1", () => fetch(`${stack.databaseUrl}/v2/pipeline`, { method: "POST", body: JSON.stringify(pipeline), signal: AbortSignal.timeout(3000) })),
    `open files: sqld ${openFiles(stack.sqld.pid)}, worker ${openFiles(stack.worker.pid)}`,
  ].join("; ");
}
