// valibot as Hono middleware, with one hook that shapes every invalid input as a 400 `{ error }`.
import { vValidator } from "@hono/valibot-validator";
import type { GenericSchema } from "valibot";
import type { ValidationTargets } from "hono";
import { badRequest } from "./errors";

export const validate = <T extends GenericSchema, K extends keyof ValidationTargets>(target: K, schema: T) =>
  vValidator(target, schema, (result) => {
    if (!result.success) {
      const issue = result.issues[0];
      const path = issue.path?.map((p) => String(p.key)).join(".");
      const message = issue.message.startsWith("Invalid") && path ? `${path}: ${issue.message}` : issue.message;
      badRequest(message);
    }
  });

/** A required query parameter, or 400 naming it. */
export function requireParam(value: string | undefined, name: string): string {
  if (!value) badRequest(`${name} is required`);
  return value!;
}
