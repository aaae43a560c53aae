// createApp: the whole HTTP API. Tests and the worker entry build it the same way.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { except } from "hono/combine";
import { methodNotAllowed } from "hono/method-not-allowed";
import type { AppEnv } from "./env";
import { MAX_JSON_BODY_BYTES } from "../contract";
import { getDb } from "./db/client";
import { fail, onError, onNotFound } from "./errors";
import { auth } from "./routes/auth";
import { sessionRoutes } from "./routes/sessions";
import { passkeyRoutes } from "./routes/passkeys";
import { config } from "./routes/config";
import { invite, servers } from "./routes/servers";
import { members } from "./routes/members";
import { channels } from "./routes/channels";
import { conversations } from "./routes/conversations";
import { uploads } from "./routes/uploads";
import { files } from "./routes/files";
import { directMessageReads, directMessageWrites, messageReads, messageWrites } from "./routes/messages";
import { tickets } from "./routes/tickets";
import { search } from "./routes/search";
import { readStates } from "./routes/read-states";
import { pins } from "./routes/pins";
import { notifications } from "./routes/notifications";
import { serveRooms } from "./realtime/door";
import { livekit } from "./routes/livekit";

export function createApp() {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.notFound(onNotFound);

  const api = new Hono<AppEnv>()
    .use(async (c, next) => {
      c.set("db", getDb(c.env.DATABASE_URL, c.env.DATABASE_AUTH_TOKEN));
      await next();
      // answers depend on the session: never stored by a cache; and never sniffed into another type
      c.header("Cache-Control", c.res.headers.get("Cache-Control") ?? "no-store");
      c.header("X-Content-Type-Options", "nosniff");
    })
    .use(
      // uploads set their own, larger limit (worker/routes/uploads.ts)
      except("/api/uploads", bodyLimit({
        maxSize: MAX_JSON_BODY_BYTES,
        onError: () => fail(413, `The request body is larger than ${MAX_JSON_BODY_BYTES / 1024} KiB`),
      })),
    )
    .route("/", config)
    .route("/", auth)
    .route("/", sessionRoutes)
    .route("/", passkeyRoutes)
    .route("/uploads", uploads)
    .route("/files", files)
    .route("/servers", servers)
    .route("/invite", invite)
    .route("/members", members)
    .route("/channels", channels)
    .route("/conversations", conversations)
    .route("/messages", messageReads)
    .route("/direct-messages", directMessageReads)
    .route("/search", search)
    .route("/socket/messages", messageWrites)
    .route("/socket/direct-messages", directMessageWrites)
    .route("/read-states", readStates)
    .route("/pins", pins)
    .route("/notification-settings", notifications)
    .route("/realtime", tickets)
    .route("/livekit", livekit);

  // the rooms, on the worker's own origin (party/room.ts); anything but a ticketed upgrade is refused at the door
  app.all("/parties/*", async (c) => (await serveRooms(c.req.raw, c.env)) ?? c.json({ error: "No such room" }, 404));
  app.use("/api/*", methodNotAllowed({ app, onMethodNotAllowed: (c, methods) => c.json({ error: `Method ${c.req.method} is not allowed here` }, 405, { Allow: methods.join(", ") }) }));
  return app.route("/api", api);
}

export type AppType = ReturnType<typeof createApp>;
