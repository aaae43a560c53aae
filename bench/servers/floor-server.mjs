// The floor: a bare `ws` server with no database and no auth. A POST becomes a message-shaped frame, stringified
// once and written to every socket; a GET answers a page prepared in memory. Nothing can be faster on this machine
// with Node and WebSockets, so it marks the physical limit the other two are measured against.
import http from "node:http";
import { WebSocketServer } from "ws";

const port = Number(process.env.PORT);
let version = 0;
const now = new Date().toISOString();
const member = {
  id: "m".repeat(26), role: "GUEST", serverId: "s".repeat(26), profileId: "p".repeat(26), createdAt: now, updatedAt: now,
  profile: { id: "p".repeat(26), name: "Bench sender", imageUrl: null },
};
const message = (content, nonce, room) => {
  const at = new Date().toISOString();
  version += 1;
  return { id: String(version).padStart(26, "0"), content, fileUrl: null, deleted: false, channelId: room, memberId: member.id, member, nonce, version, createdAt: at, updatedAt: at };
};
const page = JSON.stringify({ items: Array.from({ length: 10 }, (_, i) => message(`history ${i}`, null, "history")), nextCursor: "0".repeat(26) });

const server = http.createServer((req, res) => {
  const url = new URL(req.url, "http://x");
  if (req.method === "GET") {
    const body = url.pathname === "/health" ? "{}" : page;
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    return res.end(body);
  }
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    const room = url.searchParams.get("channelId") ?? "floor";
    const data = message(String(body.content).trim(), body.nonce ?? null, room);
    const frame = JSON.stringify({ key: `chat:${room}:messages`, data });
    for (const ws of wss.clients) ws.send(frame);
    const answer = JSON.stringify(data);
    res.writeHead(201, { "content-type": "application/json", "content-length": Buffer.byteLength(answer) });
    res.end(answer);
  });
});
const wss = new WebSocketServer({ server, perMessageDeflate: false });
wss.on("connection", (ws) => ws.on("message", () => {}));
server.listen(port, "127.0.0.1", () => console.log(`floor on ${port}`));
process.on("SIGTERM", () => process.exit(0));
