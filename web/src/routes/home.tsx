// "/": your first server, or — with none yet — the first-run screen: create a server or join one by invite.
import { createEffect, createSignal, Show } from "solid-js";
import { useNavigate } from "@solidjs/router";
import { joinByInvite } from "../lib/api";
import { inviteCodeFrom } from "../lib/format";
import { useMe } from "../state/me-context";
import { useModal } from "../state/modal-context";
import { createServersQuery, storeServerView } from "../state/queries";
import { useSignOut } from "../state/session";
import { Spinner } from "../components/ui/spinner";
import { TextField } from "../components/ui/field";

export function HomePage() {
  const servers = createServersQuery();
  const navigate = useNavigate();
  const modal = useModal();
  const me = useMe();
  const signOut = useSignOut();
  const [error, setError] = createSignal("");
  const [busy, setBusy] = createSignal(false);

  createEffect(() => {
    const first = servers.data?.[0];
    if (first) navigate(`/servers/${first.id}`, { replace: true });
  });

  async function join(e: SubmitEvent) {
    e.preventDefault();
    const code = inviteCodeFrom(String(new FormData(e.currentTarget as HTMLFormElement).get("invite") ?? ""));
    if (!code) return setError("Paste an invite link first");
    setBusy(true);
    setError("");
    try {
      const view = await joinByInvite(code);
      storeServerView(view);
      navigate(`/servers/${view.id}`);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="grid flex-1 place-items-center overflow-y-auto bg-surface p-6">
      <Show when={servers.data} fallback={<Spinner label="Loading your servers" />}>
        <Show when={servers.data!.length === 0}>
          <section class="grid w-full max-w-md gap-6 text-center" aria-labelledby="first-run-title">
            <div class="grid gap-2">
              <h1 id="first-run-title" class="text-2xl font-bold">Welcome, {me().name}!</h1>
              <p class="text-muted">Your servers are where you and your friends hang out. Make your own, or join one with an invite link.</p>
            </div>
            <button type="button" class="btn-primary py-3 text-base" onClick={() => modal.open("createServer")}>Create a server</button>
            <div class="flex items-center gap-3 text-xs uppercase text-muted" aria-hidden="true"><span class="h-px flex-1 bg-line" />or<span class="h-px flex-1 bg-line" /></div>
            <form class="grid gap-3 text-left" onSubmit={join} novalidate>
              <TextField label="Join with an invite link" name="invite" placeholder={`${location.origin}/invite/…`} error={error()} />
              <button type="submit" class="btn-ghost border border-line" disabled={busy()}>Join a server</button>
            </form>
            <button type="button" class="text-sm text-muted underline md:hidden" onClick={signOut}>Sign out</button>
          </section>
        </Show>
      </Show>
    </main>
  );
}
