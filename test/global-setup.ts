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

declare module "vitest" {
  export interface ProvidedContext {
    workerUrl: string;
    databaseUrl: string;
    realtimeSecret: string;
    /** where the worker tells clients to find LiveKit: a free port no server listens on unless a test does */
    livekitUrl: string;
  }
}

/**
 * The suite's stacks keep the product's message and sign-in limits; uploads get room for the upload tests, which
 * send dozens from one person (test/moderation.test.ts checks the real upload limit on a worker of its own).
 */
const LIMITS = { RATE_LIMIT_UPLOADS: "1000/60" };

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
  for (let attempt = 1; !stack; attempt++) {
    const ports = { sqld: await freePort(), worker: await freePort(), inspector: await freePort() };
    try {
      stack = await startStack({ ports, dataDir: path.join(dataDir, String(attempt)), secret, workerRuntime, stdio: () => ["ignore", logFile, logFile], readyTimeoutMs: 45_000, extraVars: { LIVEKIT_URL: livekitUrl, ...LIMITS } });
    } catch (err) {
      if (attempt === 3) throw err;
      console.warn(`test stack did not start (${(err as Error).message}); trying again on other ports`);
    }
  }
  project.provide("workerUrl", stack.workerUrl);
  project.provide("databaseUrl", stack.databaseUrl);
  project.provide("realtimeSecret", secret);
  project.provide("livekitUrl", livekitUrl);
  return async () => {
    await stop(stack.worker, stack.sqld);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
