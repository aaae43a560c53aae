// Form validation with the contract's own valibot schemas, so the client says exactly what the worker would.
import * as v from "valibot";

export type FieldErrors = Partial<Record<string, string>>;

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

export const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Trims a form's text fields into an object; empty optional fields become undefined. */
export function formValues(form: HTMLFormElement): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  new FormData(form).forEach((value, key) => {
    const text = typeof value === "string" ? value.trim() : undefined;
    out[key] = text === "" ? undefined : text;
  });
  return out;
}
