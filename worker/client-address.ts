// The client's address, for the limits kept per address (sign-ups, failed sign-ins).
import type { Context } from "hono";

/**
 * `CF-Connecting-IP`: Cloudflare sets it on every request to the worker (a client cannot choose it there), and
 * locally wrangler dev and Miniflare set it to the peer's address. Without one, every such client shares one bucket.
 */
export const clientAddress = (c: Context) => c.req.header("cf-connecting-ip")?.trim().toLowerCase().slice(0, 64) || "unknown";
