// The fault run: a storm of posts from several people into one channel while the database is killed and started
// again, and a tenth of the room's sockets are dropped and come back. Afterwards every message that got a 201 must
// be in the history exactly once, nothing half-written, and every client, after catching up over HTTP, must hold
// every message exactly once, in order. Prints the figures and exits 1 if any check fails.
// Run: npm run build && npx node bench/faults.mjs [--posters=8] [--rate=1.5] [--seconds=12] [--subscribers=40]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import WebSocket from "ws";
import { startStack, stop } from "../scripts/lib/stack.mjs";
import { startSqld } from "../scripts/lib/sqld.mjs";
import { freePort } from "../scripts/lib/ports.mjs";
import { api, must } from "./lib/http.mjs";
import { eventsOf } from "./lib/frames.mjs";

const { values: flags } = parseArgs({
  options: {
    posters: { type: "string", default: "8" },
    rate: { type: "string", default: "0.8" }, // messages a second per poster (the rate limit is 5 per 5 s)
    seconds: { type: "string", default: "12" },
    subscribers: { type: "string", default: "40" },
  },
});
const POSTERS = Number(flags.posters);
const RATE = Number(flags.rate);
const SECONDS = Number(flags.seconds);
const SUBSCRIBERS = Number(flags.subscribers);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "edgecord-faults-"));
const ports = { sqld: await freePort(), worker: await freePort(), inspector: await freePort() };
const stack = await startStack({ ports, dataDir, secret: crypto.randomUUID(), workerRuntime: "deployed" });
const base = stack.workerUrl;
let sqld = stack.sqld;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

try {
  // people, a server, a channel
  const people = [];
  for (let i = 0; i < POSTERS; i++) {
    people.push(await must(201, base, "/api/auth/sign-up", { method: "POST", body: { email: `storm-${i}-${Date.now()}@bench.test`, password: "storm password", name: `Storm ${i}` } }));
  }
  const server = await must(201, base, "/api/servers", { method: "POST", token: people[0].token, body: { name: "Storm" } });
  for (const p of people.slice(1)) await must(200, base, `/api/invite/${server.inviteCode}`, { method: "POST", token: p.token });
  const channelId = server.channels[0].id;
  const q = `serverId=${server.id}&channelId=${channelId}`;

  // subscribers: each keeps what it received, by id, in arrival order, and the highest version seen
  const clients = [];
  async function connect(client) {
    const t = await must(200, base, `/api/realtime/ticket?room=${channelId}`, { token: people[client.index % POSTERS].token });
    await new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://${t.host}/parties/${t.party}/${t.room}?ticket=${encodeURIComponent(t.ticket)}`);
      ws.on("message", (data) => {
        for (const frame of eventsOf(data)) if (frame.key === `chat:${channelId}:messages`) client.got.push(frame.data);
      });
      ws.once("open", () => resolve((client.ws = ws)));
      ws.once("error", reject);
    });
  }
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const client = { index: i, got: [], dropped: false };
    await connect(client);
    clients.push(client);
  }

  // the storm
  const results = [];
  const started = Date.now();
  const end = started + SECONDS * 1000;
  const posters = people.map(async (p, i) => {
    let n = 0;
    for (let next = started + (i / POSTERS) * (1000 / RATE); next < end; next += 1000 / RATE) {
      await sleep(Math.max(0, next - Date.now()));
      const nonce = `${i}-${n++}`;
      try {
        const res = await fetch(`${base}/api/socket/messages?${q}`, {
          method: "POST",
          headers: { authorization: `Bearer ${p.token}`, "content-type": "application/json" },
          body: JSON.stringify({ content: `storm ${nonce}`, nonce }),
          signal: AbortSignal.timeout(10_000),
        });
        const body = await res.json().catch(() => null);
        results.push({ status: res.status, id: body?.id, nonce, at: Date.now() - started });
      } catch (err) {
        results.push({ status: 0, nonce, error: err.message, at: Date.now() - started });
      }
    }
  });
  const faults = (async () => {
    await sleep(SECONDS * 250);
    sqld.kill("SIGKILL");
    const killedAt = Date.now() - started;
    await sleep(SECONDS * 250);
    sqld = await startSqld({ port: ports.sqld, dbPath: path.join(dataDir, "db.sqld") });
    const backAt = Date.now() - started;
    await sleep(SECONDS * 100);
    // a tenth of the sockets drop; they come back with fresh tickets and catch up over HTTP
    const dropped = clients.filter((c) => c.index % 10 === 0);
    for (const c of dropped) {
      c.dropped = true;
      // what a client does on reconnecting: ask for what came after the highest version it had (chat-store.ts)
      c.resumeFrom = Math.max(0, ...c.got.map((m) => m.version));
      c.ws.terminate();
    }
    await sleep(SECONDS * 100);
    for (const c of dropped) await connect(c);
    return { killedAt, backAt, dropped: dropped.length };
  })();
  await Promise.all(posters);
  const fault = await faults;
  // the last frames' way to the sockets: until every client that stayed connected has every created message
  // (or 10 s pass; the checks below then say what is missing)
  const createdIds = results.filter((r) => r.status === 201).map((r) => r.id);
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await sleep(50)) {
    const stayed = clients.filter((c) => !c.dropped);
    if (stayed.every((c) => createdIds.every((id) => c.got.some((m) => m.id === id)))) break;
  }
  for (const c of clients) c.ws.terminate();

  // what the database holds
  const history = [];
  for (let cursor = null; ; ) {
    const page = await must(200, base, `/api/messages?channelId=${channelId}&limit=100${cursor ? `&cursor=${cursor}` : ""}`, { token: people[0].token });
    history.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  history.reverse(); // oldest first
  const inHistory = new Map(history.map((m) => [m.id, m]));
  const created = results.filter((r) => r.status === 201);
  const lost = created.filter((r) => !inHistory.has(r.id));
  const byNonce = new Map();
  for (const m of history) byNonce.set(m.nonce, (byNonce.get(m.nonce) ?? 0) + 1);
  const duplicated = [...byNonce.values()].filter((n) => n > 1).length;
  const halfWritten = history.filter((m) => !m.content?.startsWith("storm ") || !m.member?.profile?.name);

  // every client, after catching up from the highest version it saw, holds every message once, in order
  let clientProblems = 0;
  for (const c of clients) {
    const seen = new Map(c.got.map((m) => [m.id, m]));
    let after = c.dropped ? c.resumeFrom : Math.max(0, ...c.got.map((m) => m.version));
    for (;;) {
      const page = await must(200, base, `/api/messages?channelId=${channelId}&after=${after}`, { token: people[c.index % POSTERS].token });
      for (const m of page.items) seen.set(m.id, m);
      if (!page.nextCursor) break;
      after = Number(page.nextCursor);
    }
    const order = [...seen.values()].sort((a, b) => a.version - b.version).map((m) => m.id);
    const want = history.map((m) => m.id);
    const framesInOrder = c.got.every((m, i) => i === 0 || m.version > c.got[i - 1].version);
    if (order.length !== want.length || order.some((id, i) => id !== want[i]) || !framesInOrder) clientProblems++;
  }

  const count = (s) => results.filter((r) => (s === "other" ? ![201, 200, 503].includes(r.status) : r.status === s)).length;
  const figures = {
    "messages sent": results.length,
    "201 created": count(201),
    "200 (a retried nonce)": count(200),
    "503 database unreachable": count(503),
    "other answers (should be 0)": count("other"),
    "lost: 201 but not in history": lost.length,
    "duplicated in history": duplicated,
    "half-written in history": halfWritten.length,
    "in history": history.length,
    "sqld killed at / back at (ms)": `${fault.killedAt} / ${fault.backAt}`,
    "sockets dropped and back": fault.dropped,
    "clients missing, doubling or misordering a message after catch-up": clientProblems,
  };
  console.table(figures);
  const ok = lost.length === 0 && duplicated === 0 && halfWritten.length === 0 && count("other") === 0 && clientProblems === 0 && count(503) > 0;
  console.log(ok ? "fault run: every check held" : "fault run: a check FAILED");
  process.exitCode = ok ? 0 : 1;
} finally {
  await stop(stack.worker, sqld);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
