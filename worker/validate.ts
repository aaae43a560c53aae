// valibot as Hono middleware, with one hook that shapes every invalid input as a 400 `{ error }`.
import { vValidator } from "@hono/valibot-validator";
import * as v from "valibot";
import type { GenericSchema } from "valibot";
import type { ValidationTargets } from "hono";
import { badRequest } from "./errors";

/** A lone UTF-16 surrogate (`"\ud800"` is valid JSON) is no text at all, and the database refuses it. */
const LONE_SURROGATE = /\p{Cs}/u;
/** Every string in the value (keys included). A loop, not recursion: a body nested thousands deep is just data. */
function wellFormed(value: unknown): boolean {
  const todo: unknown[] = [value];
  while (todo.length > 0) {
    const next = todo.pop();
    if (typeof next === "string") {
      if (LONE_SURROGATE.test(next)) return false;
    } else if (Array.isArray(next)) {
      for (const x of next) todo.push(x);
    } else if (next && typeof next === "object") {
      for (const [k, x] of Object.entries(next)) todo.push(k, x);
    }
  }
  return true;
}
const WellFormed = v.check(wellFormed, "text must be valid Unicode (a lone surrogate was sent)");

/** valibot's object() takes an array as an object with no keys: a body that is not a JSON object is refused first. */
const isJsonObject = (value: unknown) => value !== null && typeof value === "object" && !Array.isArray(value);
const JsonObject = v.check(isJsonObject, "The body must be a JSON object");

export const validate = <T extends GenericSchema, K extends keyof ValidationTargets>(target: K, schema: T) =>
  vValidator(target, v.pipe(v.unknown(), ...(target === "json" ? [JsonObject] : []), WellFormed, schema) as unknown as T, (result) => {
    if (!result.success) {
      const issue = result.issues[0];
      const path = issue.path?.map((p) => String(p.key)).join(".");
      const message = issue.message.startsWith("Invalid") && path ? `${path}: ${issue.message}` : issue.message;
      badRequest(message);
    }
  });

/** An optional JSON body: none (or an empty one) is `{}`, anything else must be JSON the schema accepts. */
export async function optionalBody<T extends GenericSchema>(req: Request, schema: T): Promise<v.InferOutput<T>> {
  const text = await req.text();
  let value: unknown = {};
  if (text.trim()) {
    try {
      value = JSON.parse(text);
    } catch {
      badRequest("The body must be JSON");
    }
  }
  const result = v.safeParse(v.pipe(v.unknown(), JsonObject, WellFormed, schema), value);
  if (!result.success) badRequest(result.issues[0].message);
  return result.output as v.InferOutput<T>;
}

/** A required query parameter, or 400 naming it. */
export function requireParam(value: string | undefined, name: string): string {
  if (!value) badRequest(`${name} is required`);
  return value!;
}

/** A query parameter as c.req.query reads it: optional, and its first value when it is repeated. */
const QueryParam = v.optional(v.pipe(v.union([v.string(), v.array(v.string())]), v.transform((x) => (Array.isArray(x) ? x[0] : x))));
/**
 * The query parameters a route reads and checks itself (with its own 400s, after its own access checks): this
 * validator refuses nothing, it names them so that hc<AppType> types every call's query.
 */
export const query = <K extends string>(...names: K[]) =>
  validate("query", v.object(Object.fromEntries(names.map((n) => [n, QueryParam])) as Record<K, typeof QueryParam>));
