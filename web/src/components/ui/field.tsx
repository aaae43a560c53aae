// A labelled text field with its error tied to it by aria-describedby.
import { createUniqueId, Show, splitProps, type JSX } from "solid-js";

export function TextField(props: JSX.InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string; hint?: string }) {
  const [own, input] = splitProps(props, ["label", "error", "hint"]);
  const id = createUniqueId();
  return (
    <label class="label">
      {own.label}
      <input
        {...input}
        class="field text-base font-normal normal-case tracking-normal"
        aria-invalid={own.error ? true : undefined}
        aria-describedby={own.error ? `${id}-error` : own.hint ? `${id}-hint` : undefined}
      />
      <Show when={own.error} fallback={<Show when={own.hint}><span id={`${id}-hint`} class="font-normal normal-case tracking-normal">{own.hint}</span></Show>}>
        <span id={`${id}-error`} class="form-error font-normal normal-case tracking-normal">{own.error}</span>
      </Show>
    </label>
  );
}
