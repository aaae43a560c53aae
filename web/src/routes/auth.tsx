// Sign in or sign up.
import { createSignal, Show } from "solid-js";
import { A, useNavigate } from "@solidjs/router";
import { signIn, signUp } from "../lib/api";

export function AuthPage(props: { mode: "sign-in" | "sign-up" }) {
  const navigate = useNavigate();
  const [error, setError] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const isSignUp = () => props.mode === "sign-up";

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    setBusy(true);
    setError("");
    try {
      if (isSignUp()) await signUp({ email, password, name: String(form.get("name") ?? "") });
      else await signIn({ email, password });
      navigate("/", { replace: true });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="auth">
      <form class="card" onSubmit={submit} aria-labelledby="auth-title">
        <h1 id="auth-title">{isSignUp() ? "Create an account" : "Welcome back!"}</h1>
        <Show when={isSignUp()}>
          <label>
            Display name
            <input name="name" autocomplete="nickname" required maxLength={64} />
          </label>
        </Show>
        <label>
          E-mail
          <input name="email" type="email" autocomplete="email" required />
        </label>
        <label>
          Password
          <input name="password" type="password" autocomplete={isSignUp() ? "new-password" : "current-password"} required minLength={8} />
        </label>
        <Show when={error()}>
          <p class="error" role="alert">{error()}</p>
        </Show>
        <button type="submit" disabled={busy()}>{isSignUp() ? "Sign up" : "Sign in"}</button>
        <p class="muted">
          {isSignUp() ? "Already have an account? " : "Need an account? "}
          <A href={isSignUp() ? "/sign-in" : "/sign-up"}>{isSignUp() ? "Sign in" : "Sign up"}</A>
        </p>
      </form>
    </main>
  );
}
