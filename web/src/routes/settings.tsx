// The person's own settings: "Devices", the sessions signed in as them (browser, when last seen, "Sign out" on each
// and everywhere), their passkeys, and a password change, which signs out every other device.
import { createSignal, For, Show } from "solid-js";
import { createQuery } from "../state/queries";
import { queryClient as client } from "../state/query-client";
import { useSignedOut } from "../state/session";
import { PasswordChange } from "../../../contract/schemas";
import type { Session } from "../../../contract/types";
import { changePassword, endSession, listSessions, signOutEverywhere } from "../lib/sessions-api";
import { addPasskey, listPasskeys, removePasskey } from "../lib/passkeys";
import { deviceName } from "../lib/devices";
import { messageTime } from "../lib/format";
import { check, formFailed, pending, type FieldErrors } from "../lib/forms";
import { TextField } from "../components/ui/field";
import { Spinner } from "../components/ui/spinner";

const sessionsKey = ["sessions"] as const;

function Devices() {
  const sessions = createQuery(() => ({ queryKey: sessionsKey, queryFn: listSessions }));
  const signedOut = useSignedOut();
  const [error, setError] = createSignal("");
  const [busy, setBusy] = createSignal(false);

  const end = (session: Session) =>
    pending(setBusy, setError, async () => {
      await endSession(session.id);
      if (session.current) return signedOut();
      client.setQueryData<Session[]>(sessionsKey, (old) => old?.filter((s) => s.id !== session.id));
    });
  const everywhere = () =>
    pending(setBusy, setError, async () => {
      await signOutEverywhere();
      signedOut();
    });

  return (
    <section class="grid gap-3" aria-labelledby="devices-title">
      <h2 id="devices-title" class="text-lg font-bold">Devices</h2>
      <p class="text-sm text-muted">Where you are signed in. Signing a device out ends its session there at once.</p>
      <Show when={sessions.data} fallback={<Spinner label="Loading your devices" />}>
        <ul class="grid gap-2" aria-label="Signed-in devices">
          <For each={sessions.data}>
            {(session) => (
              <li class="flex items-center gap-3 rounded-md border border-line bg-raised px-4 py-3" data-session={session.id}>
                <div class="grid flex-1 gap-0.5">
                  <span class="font-semibold">
                    {deviceName(session.userAgent)}
                    <Show when={session.current}><span class="ml-2 rounded bg-ok px-1.5 py-0.5 text-xs font-bold text-white">This device</span></Show>
                  </span>
                  <span class="text-sm text-muted">
                    {session.current ? "Active now" : `Last seen ${messageTime(session.lastSeenAt)}`} · signed in {messageTime(session.createdAt)}
                  </span>
                </div>
                <button type="button" class="btn-ghost border border-line" disabled={busy()} aria-label={`Sign out ${deviceName(session.userAgent)}${session.current ? " (this device)" : ""}`} onClick={() => end(session)}>
                  Sign out
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={error() || sessions.error}>
        <p class="form-error" role="alert">{error() || sessions.error?.message}</p>
      </Show>
      <button type="button" class="btn-danger justify-self-start" disabled={busy()} onClick={everywhere}>Sign out everywhere</button>
    </section>
  );
}

const passkeysKey = ["passkeys"] as const;

/** Passkeys: sign in with this device's lock instead of the password; add one, see them, remove one. */
function Passkeys() {
  const passkeys = createQuery(() => ({ queryKey: passkeysKey, queryFn: listPasskeys }));
  const [error, setError] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const refresh = () => client.invalidateQueries({ queryKey: passkeysKey });
  const add = () =>
    pending(setBusy, setError, async () => {
      await addPasskey(deviceName(navigator.userAgent));
      await refresh();
    });
  const remove = (id: string) =>
    pending(setBusy, setError, async () => {
      await removePasskey(id);
      await refresh();
    });
  return (
    <section class="grid gap-3" aria-labelledby="passkeys-title">
      <h2 id="passkeys-title" class="text-lg font-bold">Passkeys</h2>
      <p class="text-sm text-muted">Sign in with your device's fingerprint, face or screen lock instead of your password.</p>
      <ul class="grid gap-2" aria-label="Your passkeys">
        <For each={passkeys.data} fallback={<li class="text-sm text-muted">No passkeys yet.</li>}>
          {(p) => (
            <li class="flex items-center gap-3 rounded-md border border-line bg-raised px-4 py-3" data-passkey={p.id}>
              <div class="grid flex-1 gap-0.5">
                <span class="font-semibold">{p.name}</span>
                <span class="text-sm text-muted">added {messageTime(p.createdAt)}{p.lastUsedAt ? ` · last used ${messageTime(p.lastUsedAt)}` : ""}</span>
              </div>
              <button type="button" class="btn-ghost border border-line" disabled={busy()} aria-label={`Remove passkey ${p.name}`} onClick={() => remove(p.id)}>Remove</button>
            </li>
          )}
        </For>
      </ul>
      <Show when={error()}><p class="form-error" role="alert">{error()}</p></Show>
      <button type="button" class="btn-primary justify-self-start" disabled={busy()} onClick={add}>Add a passkey</button>
    </section>
  );
}

function Password() {
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [busy, setBusy] = createSignal(false);
  const [done, setDone] = createSignal(false);

  function submit(event: SubmitEvent) {
    event.preventDefault();
    const formEl = event.currentTarget as HTMLFormElement;
    const form = new FormData(formEl);
    const parsed = check(PasswordChange, { currentPassword: String(form.get("currentPassword") ?? ""), newPassword: String(form.get("newPassword") ?? "") });
    setDone(false);
    if (!parsed.ok) return setErrors(parsed.errors);
    void pending(setBusy, formFailed(setErrors), async () => {
      await changePassword(parsed.value);
      formEl.reset();
      setDone(true);
      // every other device was signed out
      await client.invalidateQueries({ queryKey: sessionsKey });
    });
  }

  return (
    <form class="grid max-w-md gap-3" onSubmit={submit} aria-labelledby="password-title" novalidate>
      <h2 id="password-title" class="text-lg font-bold">Password</h2>
      <TextField label="Current password" name="currentPassword" type="password" autocomplete="current-password" error={errors().currentPassword} />
      <TextField label="New password" name="newPassword" type="password" autocomplete="new-password" hint="At least 8 characters; every other device is signed out" error={errors().newPassword} />
      <Show when={errors().form}><p class="form-error" role="alert">{errors().form}</p></Show>
      <Show when={done()}><p role="status" class="text-sm text-ok">Password changed. Your other devices are signed out.</p></Show>
      <button type="submit" class="btn-primary justify-self-start" disabled={busy()}>Change password</button>
    </form>
  );
}

export default function SettingsPage() {
  return (
    <main class="flex-1 overflow-y-auto bg-surface p-6">
      <div class="mx-auto grid max-w-2xl gap-8">
        <h1 class="text-2xl font-bold">User settings</h1>
        <Devices />
        <Passkeys />
        <Password />
      </div>
    </main>
  );
}
