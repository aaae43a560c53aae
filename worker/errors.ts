// Every refusal is an HTTPException; one handler turns it into `{ error }` with its status.
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorHandler, NotFoundHandler } from "hono";

export const fail = (status: ContentfulStatusCode, message: string): never => {
  throw new HTTPException(status, { message });
};

export const badRequest = (message: string) => fail(400, message);
export const notFound = (what: string) => fail(404, `${what} not found`);
export const forbidden = (message = "You may not do that") => fail(403, message);

export const onError: ErrorHandler = (err, c) => {
  if (err instanceof HTTPException) {
    // a refusal that made its own answer (a 429 with Retry-After)
    if (err.res) return err.getResponse();
    return c.json({ error: err.message || "Request refused" }, err.status);
  }
  console.error("unhandled error", c.req.method, c.req.path, err);
  return c.json({ error: "Something went wrong on our side" }, 500);
};

export const onNotFound: NotFoundHandler = (c) => c.json({ error: `No route ${c.req.method} ${c.req.path}` }, 404);
