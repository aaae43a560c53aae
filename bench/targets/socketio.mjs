// Target 2, the design Edgecord replaces: bench/servers/socketio-server.mjs (Node + Socket.io 4) on its own sqld
// with the project's migrations. People, server and channels are written straight into its database, since the
// baseline only carries the real-time part of the old system.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createClient } from "@libsql/client";
import { startSqld, migrateDatabase } from "../../scripts/lib/sqld.mjs";
import { stop } from "../../scripts/lib/stack.mjs";
import { freePort } from "../../scripts/lib/ports.mjs";
import { status, waitFor } from "../lib/http.mjs";
import { fillChannel } from "../lib/seed.mjs";
import { hashToken, newId } from "../servers/queries.mjs";

export function socketioTarget({ senders, profiles }) {
  let sqld, server, dataDir, db, base, databaseUrl, serverId;
  let people = [];
  const at = new Date().toISOString();
  const far = new Date(Date.now() + 86_400_000).toISOString();

  async function addChannel(name) {
    const id = newId();
    await db.execute({ sql: "INSERT INTO channels (id, name, type, profile_id, server_id, created_at, updated_at) VALUES (?, ?, 'TEXT', ?, ?, ?, ?)", args: [id, name, people[0].id, serverId, at, at] });
    return id;
  }

  return {
    name: "socketio",
    label: "Socket.io 4 design (Node → sqld → io.to(room).emit)",
    pids: () => ({ ...(sqld && { sqld: sqld.pid }), ...(server && { server: server.pid }) }),
    async start() {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "edgecord-bench-sio-"));
      const [dbPort, port] = [await freePort(), await freePort()];
      sqld = await startSqld({ port: dbPort, dbPath: path.join(dataDir, "db.sqld") });
      databaseUrl = `http://127.0.0.1:${dbPort}`;
      await migrateDatabase(databaseUrl);
      db = createClient({ url: databaseUrl });
      serverId = newId();
      people = Array.from({ length: senders + profiles }, (_, i) => ({ id: newId(), member: newId(), token: randomBytes(32).toString("base64url"), i }));
      const statements = [];
      for (const p of people) {
        statements.push({ sql: "INSERT INTO profiles (id, name, email, password_hash, created_at, updated_at) VALUES (?, ?, ?, 'x', ?, ?)", args: [p.id, `person ${p.i}`, `p${p.i}@bench.test`, at, at] });
        statements.push({ sql: "INSERT INTO sessions (id, profile_id, created_at, expires_at) VALUES (?, ?, ?, ?)", args: [hashToken(p.token), p.id, at, far] });
      }
      statements.push({ sql: "INSERT INTO servers (id, name, invite_code, profile_id, created_at, updated_at) VALUES (?, 'Bench', ?, ?, ?, ?)", args: [serverId, newId(), people[0].id, at, at] });
      for (const p of people) {
        statements.push({ sql: "INSERT INTO members (id, role, profile_id, server_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)", args: [p.member, p.i === 0 ? "ADMIN" : "GUEST", p.id, serverId, at, at] });
      }
      await db.batch(statements, "write");
      const log = path.join(dataDir, "server.log");
      const out = fs.openSync(log, "w");
      server = spawn(process.execPath, [path.join(import.meta.dirname, "../servers/socketio-server.mjs")], {
        env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, NODE_ENV: "production" },
        stdio: ["ignore", out, out],
      });
      base = `http://127.0.0.1:${port}`;
      await waitFor(`${base}/health`);
      return { log };
    },
    async room(n, runTag) {
      const room = await addChannel(runTag);
      const listeners = people.slice(senders);
      const auths = Array.from({ length: n }, (_, i) => ({ token: listeners[i % listeners.length].token, room }));
      const tokens = people.slice(0, senders).map((p) => p.token);
      const url = `${base}/api/socket/messages?serverId=${serverId}&channelId=${room}`;
      return {
        runTag,
        key: `chat:${room}:messages`,
        spec: { kind: "socketio", url: base, path: "/api/socket/io", auths },
        post: (sender, body) => status(url, { method: "POST", token: tokens[sender], body }),
      };
    },
    async history(count) {
      const channelId = await addChannel("history");
      const filled = await fillChannel(databaseUrl, { channelId, memberId: people[0].member, count });
      const url = `${base}/api/messages?channelId=${channelId}&limit=10`;
      return { filled, get: () => status(url, { token: people[0].token }) };
    },
    async stop() {
      db?.close();
      await stop(server, sqld);
      // the data goes, the log stays (printed at start) for a run whose figures need explaining
      for (const entry of fs.readdirSync(dataDir)) if (entry !== "server.log") fs.rmSync(path.join(dataDir, entry), { recursive: true, force: true });
    },
  };
}
