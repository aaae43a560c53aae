// Sign in or sign up; afterwards go where the visitor was headed (?next=), such as an invite link.
import { createSignal, Show } from "solid-js";
import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { SignIn, SignUp } from "../../../contract/schemas";
import { isRateLimited, signIn, signUp } from "../lib/api";
import type { AuthResult } from "../../../contract/types";
import { waitText } from "../lib/format";
import { check, type FieldErrors } from "../lib/forms";
import { signedIn } from "../state/session";
import { TextField } from "../components/ui/field";

/** Only a path of this site, never another origin. */
const safeNext = (next: unknown) => (typeof next === "string" && next.startsWith("/") && !next.startsWith("//") ? next : "/");

export function AuthPage(props: { mode: "sign-in" | "sign-up" }) {
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [busy, setBusy] = createSignal(false);
  const isSignUp = () => props.mode === "sign-up";
  const nextQuery = () => (search.next ? `?next=${encodeURIComponent(String(search.next))}` : "");

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const input = {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      ...(isSignUp() ? { name: String(form.get("name") ?? "") } : {}),
    };
    const parsed = isSignUp() ? check(SignUp, input) : check(SignIn, input);
    if (!parsed.ok) return setErrors(parsed.errors);
    await enter(() => (isSignUp() ? signUp(parsed.value as SignUp) : signIn(parsed.value)));
  }

  /** Signs in (or up) with `how`, then goes on; a passkey's WebAuthn code loads only when it is picked. */
  async function enter(how: () => Promise<AuthResult>) {
    setBusy(true);
    setErrors({});
    try {
      const result = await how();
      signedIn(result.profile);
      navigate(safeNext(search.next), { replace: true });
    } catch (e) {
      // too many wrong passwords for this e-mail: say when a try can work again, not why the last one failed
      setErrors({ form: isRateLimited(e) ? `Too many attempts. Try again in ${waitText(e.retryAfter)}.` : (e as Error).message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="grid min-h-full place-items-center bg-brand p-4">
      <form class="grid w-full max-w-md gap-4 rounded-lg bg-surface p-8 text-fg shadow-2xl" onSubmit={submit} aria-labelledby="auth-title" novalidate>
        <div class="grid gap-1 text-center">
          <h1 id="auth-title" class="text-2xl font-bold">{isSignUp() ? "Create an account" : "Welcome back!"}</h1>
          <p class="text-muted">{isSignUp() ? "Join your friends on Edgecord." : "We're so excited to see you again!"}</p>
        </div>
        <Show when={isSignUp()}>
          <TextField label="Display name" name="name" autocomplete="nickname" maxLength={64} error={errors().name} />
        </Show>
        <TextField label="E-mail" name="email" type="email" autocomplete="email" error={errors().email} />
        <TextField label="Password" name="password" type="password" autocomplete={isSignUp() ? "new-password" : "current-password"} error={errors().password} hint={isSignUp() ? "At least 8 characters" : undefined} />
        <Show when={errors().form}>
          <p class="form-error" role="alert">{errors().form}</p>
        </Show>
        <button type="submit" class="btn-primary py-2.5 text-base" disabled={busy()}>{isSignUp() ? "Sign up" : "Sign in"}</button>
        <Show when={!isSignUp()}>
          <button type="button" class="btn-ghost border border-line" disabled={busy()} onClick={() => enter(async () => (await import("../lib/passkeys")).signInWithPasskey())}>Use a passkey</button>
        </Show>
        <p class="text-sm text-muted">
          {isSignUp() ? "Already have an account? " : "Need an account? "}
          <A href={`${isSignUp() ? "/sign-in" : "/sign-up"}${nextQuery()}`} class="text-brand hover:underline">{isSignUp() ? "Sign in" : "Sign up"}</A>
        </p>
      </form>
    </main>
  );
}
