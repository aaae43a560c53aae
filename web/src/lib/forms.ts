// Form validation with the contract's own valibot schemas, so the client says exactly what the worker would.
import * as v from "valibot";

import type { FieldErrors } from "./pending";
export type { FieldErrors };

export function check<S extends v.GenericSchema>(schema: S, input: unknown):
  | { ok: true; value: v.InferOutput<S> }
  | { ok: false; errors: FieldErrors } {
  const result = v.safeParse(schema, input);
  if (result.success) return { ok: true, value: result.output };
  const flat = v.flatten(result.issues);
  const errors: FieldErrors = {};
  for (const [field, messages] of Object.entries(flat.nested ?? {})) if (messages?.length) errors[field] = capitalize(messages[0]);
  if (flat.root?.length) errors.form = capitalize(flat.root[0]);
  return { ok: false, errors };
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A form's text fields, trimmed; a field left empty is "". */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  new FormData(form).forEach((value, key) => {
    if (typeof value === "string") out[key] = value.trim();
  });
  return out;
}

// kept apart so pages without forms (the invite page) do not load valibot with it
export { formFailed, pending } from "./pending";
