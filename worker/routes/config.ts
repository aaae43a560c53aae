// What the client needs to know before anyone signs in.
import { Hono } from "hono";
import type { AppEnv } from "../env";
import type { AppConfig } from "../../contract";

export const config = new Hono<AppEnv>().get("/config", (c) =>
  c.json({ partykitHost: c.env.PARTYKIT_HOST, livekitUrl: c.env.LIVEKIT_URL ?? "" } satisfies AppConfig, 200),
);
