// What the client needs to know before anyone signs in.
import { Hono } from "hono";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import type { AppConfig } from "../../contract";

/**
 * The rooms are served by this same worker, so their host is the one the request came to (behind the Vite dev
 * server's proxy that is the browser's own, since the proxy keeps the Host header).
 */
export const roomsHost = (c: Context<AppEnv>) => c.req.header("host") ?? new URL(c.req.url).host;

export const config = new Hono<AppEnv>().get("/config", (c) =>
  c.json({ partykitHost: roomsHost(c), livekitUrl: c.env.LIVEKIT_URL ?? "" } satisfies AppConfig, 200),
);
