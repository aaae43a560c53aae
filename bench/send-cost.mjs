// What one WebSocket send costs workerd, on a bare Durable Object (bench/send-cost/worker.js) in Miniflare: CPU of
// the workerd process per (frame, socket), read from /proc. Run: npx node bench/send-cost.mjs [--sockets=1000]
// [--sends=100]. Cases: frames sent one per socket per turn (as a room does for one message) or many per turn (a
// burst, as a loop of sends does), frame size, events per frame (the batching lever), the product door's 101
// rewrap, hibernation or not. The subscribers live in a child process that only counts.
import { fork } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import WebSocket from "ws";
import { processTree } from "./lib/proc.mjs";

if (process.argv[2] === "--subscribers") {
  // the child: opens the sockets, counts events, answers "count"
  const [url, n, deflate] = [process.argv[3], Number(process.argv[4]), process.argv[5] === "deflate"];
  let events = 0;
  let open = 0;
  for (let i = 0; i < n; i++) {
    const ws = new WebSocket(url, { perMessageDeflate: deflate });
    ws.on("open", () => ++open === n && process.send({ extensions: ws.extensions }));
    ws.on("message", (d) => (events += d[0] === 0x5b ? JSON.parse(d).length : 1));
    ws.on("error", (e) => process.send({ error: e.message }));
  }
  process.on("message", (m) => (m === "count" ? process.send({ events }) : process.exit(0)));
} else {
  const { values: flags } = parseArgs({ options: { sockets: { type: "string", default: "1000" }, sends: { type: "string", default: "100" } } });
  const N = Number(flags.sockets);
  const SENDS = Number(flags.sends);
  const { Miniflare, convertV4MiniflareOptions } = await import("miniflare");
  const mf = new Miniflare(convertV4MiniflareOptions({
    host: "127.0.0.1", port: 0, modules: true, scriptPath: path.join(import.meta.dirname, "send-cost", "worker.js"),
    compatibilityDate: "2026-07-01", compatibilityFlags: ["nodejs_compat"], durableObjects: { BARE: "Bare" },
  }));
  const base = String(await mf.ready).replace(/\/$/, "");
  const cpu = () => {
    let s = 0;
    for (const [pid, part] of processTree({ mf: process.pid })) {
      if (!part.endsWith("workerd")) continue;
      const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      s += (Number(f[11]) + Number(f[12])) / 100;
    }
    return s;
  };
  const cases = [
    { label: "one frame per socket per turn (a message)", perTurn: 1, size: 900, batch: 1 },
    { label: "a burst: 100 frames per socket in one turn", perTurn: SENDS, size: 900, batch: 1 },
    { label: "one per turn, 400-byte frame", perTurn: 1, size: 400, batch: 1 },
    { label: "one per turn, 4 KB frame", perTurn: 1, size: 4000, batch: 1 },
    { label: "one per turn, 10 events in the frame", perTurn: 1, size: 900, batch: 10 },
    { label: "one per turn, through the door's 101 rewrap", perTurn: 1, size: 900, batch: 1, door: "rewrap" },
    { label: "one per turn, sockets not hibernating", perTurn: 1, size: 900, batch: 1, socket: "awake" },
    { label: "one per turn, permessage-deflate negotiated", perTurn: 1, size: 900, batch: 1, deflate: true },
  ];
  console.log(`${N} sockets, ${SENDS} frames each per case; µs of workerd CPU per send (per frame and socket) and per event\n`);
  for (const c of cases) {
    const room = `r${Math.random()}`;
    const url = `${base.replace("http", "ws")}/ws?room=${room}&door=${c.door ?? "direct"}&socket=${c.socket ?? "hibernate"}`;
    const child = fork(import.meta.filename, ["--subscribers", url, String(N), c.deflate ? "deflate" : "plain"]);
    const reply = () => new Promise((r) => child.once("message", r));
    const opened = await reply();
    if (opened.error) throw new Error(opened.error);
    const count = async () => (child.send("count"), (await reply()).events);
    const until = async (want) => {
      while ((await count()) < want) await new Promise((r) => setTimeout(r, 10));
    };
    const publish = (n) => fetch(`${base}/publish?room=${room}&n=${n}&size=${c.size}&batch=${c.batch}`).then((r) => r.text());
    await publish(5);
    await until(5 * N * c.batch);
    const before = cpu();
    for (let sent = 0; sent < SENDS; sent += c.perTurn) {
      await publish(c.perTurn);
      await until((5 + sent + c.perTurn) * N * c.batch);
    }
    const used = cpu() - before;
    const perSend = (used * 1e6) / (SENDS * N);
    console.log(`${c.label.padEnd(52)} ${perSend.toFixed(1).padStart(6)} µs a send, ${(perSend / c.batch).toFixed(1).padStart(6)} µs an event${c.deflate ? ` (negotiated: ${opened.extensions || "none"})` : ""}`);
    child.send("exit");
  }
  await mf.dispose();
}
