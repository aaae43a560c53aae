// Target 3, the floor: bench/servers/floor-server.mjs, a bare `ws` broadcaster with no database.
import path from "node:path";
import { spawn } from "node:child_process";
import { stop } from "../../scripts/lib/stack.mjs";
import { freePort } from "../../scripts/lib/ports.mjs";
import { status, waitFor } from "../lib/http.mjs";

export function floorTarget() {
  let server, base, port;
  return {
    name: "floor",
    label: "floor (bare ws broadcast, no database)",
    pids: () => (server ? { server: server.pid } : {}),
    async start() {
      port = await freePort();
      server = spawn(process.execPath, [path.join(import.meta.dirname, "../servers/floor-server.mjs")], {
        env: { ...process.env, PORT: String(port), NODE_ENV: "production" },
        stdio: ["ignore", "ignore", "inherit"],
      });
      base = `http://127.0.0.1:${port}`;
      await waitFor(`${base}/health`);
      return {};
    },
    async room(n, runTag) {
      const url = `${base}/api/socket/messages?channelId=${runTag}`;
      return {
        runTag,
        key: `chat:${runTag}:messages`,
        spec: { kind: "ws", urls: Array.from({ length: n }, () => `ws://127.0.0.1:${port}/ws`) },
        post: (_sender, body) => status(url, { method: "POST", body }),
      };
    },
    async history() {
      return { filled: 0, get: () => status(`${base}/api/messages?limit=10`) };
    },
    async stop() {
      await stop(server);
    },
  };
}
