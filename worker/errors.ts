// Every refusal is an HTTPException; one handler turns it into `{ error }` with its status.
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorHandler, NotFoundHandler } from "hono";
import { isDatabaseUnreachable } from "./db/client";

/** A function declaration, not an arrow: TypeScript narrows after a call to it, which the typed client relies on. */
export function fail(status: ContentfulStatusCode, message: string): never {
  throw new HTTPException(status, { message });
}

export const badRequest = (message: string) => fail(400, message);

export const onError: ErrorHandler = (err, c) => {
  if (err instanceof HTTPException) {
    // a refusal that made its own answer (a 429 with Retry-After)
    if (err.res) return err.getResponse();
    return c.json({ error: err.message || "Request refused" }, err.status);
  }
  if (isDatabaseUnreachable(err)) {
    console.warn("database unreachable:", c.req.method, c.req.path, (err as Error).message);
    return c.json({ error: "The database cannot be reached right now; try again in a moment" }, 503, { "Retry-After": "1" });
  }
  console.error("unhandled error", c.req.method, c.req.path, err);
  return c.json({ error: "Something went wrong on our side" }, 500);
};

export const onNotFound: NotFoundHandler = (c) => c.json({ error: `No route ${c.req.method} ${c.req.path}` }, 404);
