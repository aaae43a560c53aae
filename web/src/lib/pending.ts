// What a submit does while the worker works on it: busy, then the failure in the worker's own words.
/** A form's errors by field name; `form` for the whole form's. */
export type FieldErrors = Partial<Record<string, string>>;

/**
 * What every modal does when it submits: `setBusy(true)` while `work` runs (its button disabled), and the reason it
 * failed — the worker's own words — handed to `failed`, which is first called with "" to clear the last one.
 */
export async function pending(setBusy: (busy: boolean) => void, failed: (message: string) => void, work: () => Promise<void>): Promise<void> {
  setBusy(true);
  failed("");
  try {
    await work();
  } catch (err) {
    failed((err as Error).message);
  } finally {
    setBusy(false);
  }
}

/** `failed` for a form whose errors are per field: a failure is the form's own error. */
export const formFailed = (setErrors: (errors: FieldErrors) => void) => (message: string) => setErrors(message ? { form: message } : {});
