// Target 1, the product: sqld + the worker in workerd + partykit dev. Two ways to run the worker:
// - "deployed" (target `product`): the bundle `wrangler deploy --dry-run` writes, served by workerd itself, the way
//   Cloudflare runs it: no dev server between the client and the worker (scripts/lib/workerd.mjs);
// - "dev" (target `product-dev`): `wrangler dev`, started exactly as the tests and `npm run dev` start it, whose
//   proxy adds a few milliseconds to every request (docs/PERFORMANCE.md).
// Everything goes through the public API: sign-up, servers, tickets, POSTs, history.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { freePort } from "../../scripts/lib/ports.mjs";
import { must, status } from "../lib/http.mjs";
import { fillChannel } from "../lib/seed.mjs";

const here = path.resolve(import.meta.dirname, "../..");

/** `root` is the checkout whose worker and rooms run (this one by default), to compare two versions in one run. */
export function productTarget({ senders, profiles, root = here, workerRuntime = "deployed" }) {
  let stack, dataDir, base, owner, people, server, log, stop, secret;
  const signUp = (name, i) =>
    must(201, base, "/api/auth/sign-up", { method: "POST", body: { email: `${name}-${i}-${Date.now()}@bench.test`, password: "bench password", name: `${name} ${i}` } });

  return {
    name: workerRuntime === "dev" ? "product-dev" : "product",
    label: `Edgecord (worker → sqld → PartyKit room), worker in ${workerRuntime === "dev" ? "wrangler dev" : "workerd as deployed"}${root === here ? "" : `, from ${root}`}`,
    workerUrl: () => base,
    token: () => owner.token,
    /** What the worker does after a write: POST `{ key, data }` straight to the room (bench/probe.mjs). */
    notify: (roomId, body) =>
      fetch(`${stack.partykitUrl}/parties/main/${roomId}`, { method: "POST", headers: { authorization: `Bearer ${secret}` }, body: JSON.stringify(body) }).then((r) => r.text()),
    ports: () => ({ rooms: Number(new URL(stack.partykitUrl).port), sqld: Number(new URL(stack.databaseUrl).port) }),
    pids: () => (stack ? { sqld: stack.sqld.pid, rooms: stack.partykit.pid, worker: stack.worker.pid } : {}),
    async start() {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "edgecord-bench-"));
      log = fs.openSync(path.join(dataDir, "stack.log"), "w");
      const lib = await import(pathToFileURL(path.join(root, "scripts/lib/stack.mjs")));
      stop = lib.stop;
      // dev servers started side by side now and then lose a race for a port: stop what started, try once more
      for (let attempt = 1; !stack; attempt++) {
        const ports = { sqld: await freePort(), partykit: await freePort(), worker: await freePort(), inspector: await freePort() };
        const children = [];
        const startDir = fs.mkdtempSync(path.join(dataDir, `attempt-${attempt}-`));
        try {
          secret = crypto.randomUUID();
          stack = await lib.startStack({ ports, dataDir: startDir, secret, workerRuntime, stdio: () => ["ignore", log, log], onSpawn: (_name, child) => children.push(child) });
        } catch (err) {
          await stop(...children);
          if (attempt === 2) throw err;
          console.warn(`   the product did not start (${err.message}); trying again`);
        }
      }
      base = stack.workerUrl;
      const all = [];
      for (let i = 0; i < senders + profiles; i++) all.push(await signUp(i < senders ? "sender" : "listener", i));
      [owner, ...people] = all;
      server = await must(201, base, "/api/servers", { method: "POST", token: owner.token, body: { name: "Bench" } });
      for (const p of people) await must(200, base, `/api/invite/${server.inviteCode}`, { method: "POST", token: p.token });
      return { log: path.join(dataDir, "stack.log") };
    },
    /** A fresh TEXT channel (so a fresh room) with `n` sockets spread over the listener profiles' tickets. */
    async room(n, runTag) {
      const view = await must(201, base, `/api/channels?serverId=${server.id}`, { method: "POST", token: owner.token, body: { name: runTag, type: "TEXT" } });
      const channel = view.channels.find((c) => c.name === runTag);
      const listeners = people.slice(senders - 1);
      const tickets = [];
      for (const p of listeners) tickets.push(await must(200, base, `/api/realtime/ticket?room=${channel.id}`, { token: p.token }));
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
    async stop() {
      await stop?.(stack?.worker, stack?.partykit, stack?.sqld);
      // the data goes, the log stays (printed at start) for a run whose figures need explaining
      for (const entry of fs.readdirSync(dataDir)) if (entry !== "stack.log") fs.rmSync(path.join(dataDir, entry), { recursive: true, force: true });
    },
  };
}
