// The design Edgecord replaces, rebuilt for the benchmark: one Node HTTP server with Socket.io 4 attached, as the
// Next.js pages API did (path /api/socket/io). A POST checks the session, inserts the message into sqld with the
// membership check in the same batch, then emits `chat:<channelId>:messages` to that room's sockets only.
// Clients join a room after the same session and membership check; they only listen.
import http from "node:http";
import { Server } from "socket.io";
import { createClient } from "@libsql/client";
import { createMessage, findSession, historyPage, isMember } from "./queries.mjs";

const port = Number(process.env.PORT);
const db = createClient({ url: process.env.DATABASE_URL });
const MAX_BODY = 64 * 1024;

const send = (res, status, body) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), "cache-control": "no-store" });
  res.end(text);
};

function readJson(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) reject(Object.assign(new Error("too large"), { status: 413 }));
      else chunks.push(chunk);
    });
    req.on("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      } catch {
        reject(Object.assign(new Error("Malformed JSON"), { status: 400 }));
      }
    });
    req.on("error", reject);
  });
}

async function handle(req, res, io) {
  const url = new URL(req.url, "http://x");
  if (url.pathname === "/health") return send(res, 200, { ok: true });
  const token = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const profile = token && (await findSession(db, token));
  if (!profile) return send(res, 401, { error: "Sign in first" });

  if (req.method === "POST" && url.pathname === "/api/socket/messages") {
    const room = url.searchParams.get("channelId");
    const server = url.searchParams.get("serverId");
    if (!room || !server) return send(res, 400, { error: "channelId and serverId are required" });
    const body = await readJson(req);
    const content = typeof body.content === "string" ? body.content.trim() : "";
    const length = [...content].length;
    if (length === 0 || length > 2000) return send(res, 400, { error: "content must be 1 to 2000 characters" });
    const result = await createMessage(db, { room, profile: profile.id, server }, { content, nonce: body.nonce ?? null });
    if (!result) return send(res, 404, { error: "Channel not found" });
    if (result.created) io.to(room).emit(`chat:${room}:messages`, result.message);
    return send(res, result.created ? 201 : 200, result.message);
  }

  if (req.method === "GET" && url.pathname === "/api/messages") {
    const room = url.searchParams.get("channelId");
    const limit = Math.min(Number(url.searchParams.get("limit") ?? 10), 100);
    if (!room || !(limit >= 1)) return send(res, 400, { error: "channelId and a positive limit are required" });
    const page = await historyPage(db, { room, profile: profile.id }, { cursor: url.searchParams.get("cursor") ?? undefined, limit });
    return page ? send(res, 200, page) : send(res, 404, { error: "Channel not found" });
  }
  return send(res, 404, { error: `No route ${req.method} ${url.pathname}` });
}

const httpServer = http.createServer();
const io = new Server(httpServer, { path: "/api/socket/io", addTrailingSlash: false, transports: ["websocket"], serveClient: false });

httpServer.on("request", (req, res) => {
  // Socket.io answers its own path; everything else is the API
  if (req.url.startsWith("/api/socket/io")) return;
  handle(req, res, io).catch((err) => {
    if (!res.headersSent) send(res, err.status ?? 500, { error: err.status ? err.message : "Something went wrong on our side" });
    if (!err.status) console.error(err);
  });
});

io.use(async (socket, next) => {
  try {
    const { token, room } = socket.handshake.auth ?? {};
    const profile = typeof token === "string" && (await findSession(db, token));
    if (!profile || typeof room !== "string" || !(await isMember(db, room, profile.id))) return next(new Error("not allowed"));
    socket.join(room);
    next();
  } catch (err) {
    next(err);
  }
});

httpServer.listen(port, "127.0.0.1", () => console.log(`socket.io baseline on ${port}`));
process.on("SIGTERM", () => {
  io.close();
  db.close();
  process.exit(0);
});
