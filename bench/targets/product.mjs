// Target 1, the product: sqld + the worker, whose rooms are PartyServer Durable Objects inside it (party/room.ts).
// Two ways to run the worker:
// - "deployed" (target `product`): the bundle `wrangler deploy --dry-run` writes, run by Miniflare (workerd) with
//   no dev server in front, the way Cloudflare runs it (scripts/lib/deployed.mjs);
// - "dev" (target `product-dev`): `wrangler dev`, started exactly as the tests and `npm run dev` start it, whose
//   proxy adds milliseconds to every request and every WebSocket frame (docs/PERFORMANCE.md).
// Everything goes through the public API: sign-up, servers, tickets, POSTs, history. The worker tells the room
// over RPC after the write commits; nothing outside the worker can make a room speak, so neither can the benchmark.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { freePort } from "../../scripts/lib/ports.mjs";
import { must, status } from "../lib/http.mjs";
import { fillChannel } from "../lib/seed.mjs";

const here = path.resolve(import.meta.dirname, "../..");

/**
 * `root` is the checkout whose worker and rooms run (this one by default), to compare two versions in one run;
 * `name` overrides the target's name in the tables (a variant); `extraVars` go to the worker as vars (the probe raises
 * RATE_LIMIT_MESSAGES there, since it posts from one sender as fast as it can).
 */
export function productTarget({ senders, profiles, root = here, workerRuntime = "deployed", name, extraVars: asked = {} }) {
  // the set-up signs up dozens of people from one address and asks tickets for each of them, far past what a person
  // may: those two limits are raised; the message limits, which the load is made to respect, stay as shipped
  const extraVars = { RATE_LIMIT_SIGN_UP: "100000/60", RATE_LIMIT_TICKETS: "100000/60", ...asked };
  let stack, dataDir, base, owner, people, server, log, stop, secret;
  const signUp = (name, i) =>
    must(201, base, "/api/auth/sign-up", { method: "POST", body: { email: `${name}-${i}-${Date.now()}@bench.test`, password: "bench password", name: `${name} ${i}` } });

  return {
    name: name ?? (workerRuntime === "dev" ? "product-dev" : "product"),
    label: `Edgecord (worker → sqld, then RPC → PartyServer room in the same worker), worker in ${workerRuntime === "dev" ? "wrangler dev" : "workerd as deployed (Miniflare)"}${root === here ? "" : `, from ${root}`}`,
    workerUrl: () => base,
    token: () => owner.token,
    ports: () => ({ sqld: Number(new URL(stack.databaseUrl).port) }),
    // the worker's tree holds the rooms too: Miniflare's node and its workerd (deployed), or wrangler's CLI, its
    // workerd processes and esbuild (dev)
    pids: () => (stack ? { sqld: stack.sqld.pid, worker: stack.worker.pid } : {}),
    async start() {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "edgecord-bench-"));
      log = fs.openSync(path.join(dataDir, "stack.log"), "w");
      const lib = await import(pathToFileURL(path.join(root, "scripts/lib/stack.mjs")));
      stop = lib.stop;
      // dev servers started side by side now and then lose a race for a port: stop what started, try once more
      for (let attempt = 1; !stack; attempt++) {
        const ports = { sqld: await freePort(), worker: await freePort(), inspector: await freePort() };
        const children = [];
        const startDir = fs.mkdtempSync(path.join(dataDir, `attempt-${attempt}-`));
        try {
          secret = crypto.randomUUID();
          stack = await lib.startStack({ ports, dataDir: startDir, secret, workerRuntime, extraVars, stdio: () => ["ignore", log, log], onSpawn: (_name, child) => children.push(child) });
        } catch (err) {
          await stop(...children);
          if (attempt === 2) throw err;
          console.warn(`   the product did not start (${err.message}); trying again`);
        }
      }
      base = stack.workerUrl;
      // sign-ups hash a password (PBKDF2, 100,000 rounds): a few at a time, set-up only
      const all = new Array(senders + profiles);
      await inBatches(all.length, 4, async (i) => (all[i] = await signUp(i < senders ? "sender" : "listener", i)));
      [owner, ...people] = all;
      server = await must(201, base, "/api/servers", { method: "POST", token: owner.token, body: { name: "Bench" } });
      await inBatches(people.length, 4, (i) => must(200, base, `/api/invite/${server.inviteCode}`, { method: "POST", token: people[i].token }));
      return { log: path.join(dataDir, "stack.log") };
    },
    /** A fresh TEXT channel (so a fresh room) with `n` sockets spread over the listener profiles' tickets. */
    async room(n, runTag) {
      const view = await must(201, base, `/api/channels?serverId=${server.id}`, { method: "POST", token: owner.token, body: { name: runTag, type: "TEXT" } });
      const channel = view.channels.find((c) => c.name === runTag);
      const listeners = people.slice(senders - 1);
      const tickets = await Promise.all(listeners.map((p) => must(200, base, `/api/realtime/ticket?room=${channel.id}`, { token: p.token })));
      const urls = Array.from({ length: n }, (_, i) => {
        const t = tickets[i % tickets.length];
        return `ws://${t.host}/parties/${t.party}/${t.room}?ticket=${encodeURIComponent(t.ticket)}`;
      });
      const tokens = [owner, ...people.slice(0, senders - 1)].map((p) => p.token);
      const url = `${base}/api/socket/messages?serverId=${server.id}&channelId=${channel.id}`;
      return {
        runTag,
        roomId: channel.id,
        key: `chat:${channel.id}:messages`,
        spec: { kind: "ws", urls },
        post: (sender, body) => status(url, { method: "POST", token: tokens[sender], body }),
      };
    },
    async history(count) {
      const view = await must(201, base, `/api/channels?serverId=${server.id}`, { method: "POST", token: owner.token, body: { name: "history", type: "TEXT" } });
      const channel = view.channels.find((c) => c.name === "history");
      const memberId = view.members.find((m) => m.profileId === owner.profile.id).id;
      const filled = await fillChannel(stack.databaseUrl, { channelId: channel.id, memberId, count });
      const url = `${base}/api/messages?channelId=${channel.id}&limit=10`;
      return { filled, get: () => status(url, { token: owner.token }) };
    },
    // for the features scenarios (bench/features.mjs), which fill the database through SQL as set-up
    databaseUrl: () => stack.databaseUrl,
    /** The people signed up at start (the owner first, then the others, members of `server` through its invite). */
    people: () => [owner, ...people],
    server: () => server,
    /** A fresh TEXT channel of the bench server, and the server's members as the answer lists them. */
    async channel(channelName) {
      const view = await must(201, base, `/api/channels?serverId=${server.id}`, { method: "POST", token: owner.token, body: { name: channelName, type: "TEXT" } });
      return { channel: view.channels.find((c) => c.name === channelName), members: view.members };
    },
    async stop() {
      await stop?.(stack?.worker, stack?.sqld);
      // a target may be started again (bench/run.mjs does, between two big rooms)
      stack = undefined;
      // the data goes, the log stays (printed at start) for a run whose figures need explaining
      for (const entry of fs.readdirSync(dataDir)) if (entry !== "stack.log") fs.rmSync(path.join(dataDir, entry), { recursive: true, force: true });
    },
  };
}

/** Runs `fn(i)` for i in 0..count-1, `width` at a time. */
async function inBatches(count, width, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < count) await fn(next++);
  }));
}
