// File routes need the FILES R2 bucket. A worker deployed (or run) without it answers 503 with a clear reason
// instead of failing inside a handler.
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { fail } from "../errors";

export const requireFileStorage: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.env.FILES) fail(503, "File storage is not configured: bind an R2 bucket as FILES");
  await next();
};
