// /invite/<code>: what the invite leads to (the server, its member count, whether you are in it already), and an
// "Accept invite" button; visiting alone joins nothing.
import { createResource, createSignal, Match, Show, Switch } from "solid-js";
import { A, useNavigate, useParams } from "@solidjs/router";
import { ApiError, joinByInvite, previewInvite } from "../lib/api";
import { expiresText } from "../lib/format";
import { pending } from "../lib/pending";
import { storeServerView } from "../state/queries";
import { Avatar } from "../components/ui/avatar";
import { Spinner } from "../components/ui/spinner";

/** What a refused invite means, in words for a person; the server's own words otherwise. */
function inviteProblem(e: unknown): { title: string; detail?: string } {
  if (e instanceof ApiError && e.status === 404) return { title: "This invite is invalid", detail: "Ask for a new link: this one does not lead anywhere." };
  if (e instanceof ApiError && e.status === 410) return { title: "This invite has expired or reached its limit", detail: "Ask for a new link." };
  return { title: "This invite does not work", detail: (e as Error)?.message };
}

export function InvitePage() {
  const params = useParams();
  const navigate = useNavigate();
  const [preview] = createResource(() => params.code, previewInvite);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal("");
  const [gone, setGone] = createSignal<unknown>(null);

  const accept = () =>
    pending(setBusy, setError, async () => {
      try {
        const view = await joinByInvite(params.code!);
        storeServerView(view);
        navigate(`/servers/${view.id}`, { replace: true });
      } catch (e) {
        // the code stopped working while the page was open: say so as for a visit
        if (e instanceof ApiError && (e.status === 404 || e.status === 410)) return void setGone(e);
        throw e; // a 403 (banned) in the server's own words, under the button
      }
    });

  return (
    <main class="grid flex-1 place-items-center overflow-y-auto bg-surface p-6 text-center">
      <Switch>
        <Match when={preview.error || gone()}>
          {(e) => {
            const problem = inviteProblem(gone() ?? e());
            return (
              <section class="grid max-w-md gap-3" aria-labelledby="invite-title">
                <h1 id="invite-title" class="text-xl font-bold">{problem.title}</h1>
                <Show when={problem.detail}><p class="text-muted">{problem.detail}</p></Show>
                <A href="/" class="btn-primary justify-self-center">Go home</A>
              </section>
            );
          }}
        </Match>
        <Match when={preview()}>
          {(p) => (
            <section class="grid w-full max-w-sm gap-4 rounded-lg bg-raised p-8 shadow-xl" aria-labelledby="invite-title">
              <Avatar name={p().server.name} src={p().server.imageUrl} size={80} class="justify-self-center" />
              <div class="grid gap-1">
                <p class="text-sm text-muted">You've been invited to join</p>
                <h1 id="invite-title" class="text-2xl font-bold">{p().server.name}</h1>
                <p class="text-sm text-muted" data-testid="invite-member-count">
                  {p().memberCount} {p().memberCount === 1 ? "member" : "members"}
                </p>
                <Show when={p().expiresAt}>{(at) => <p class="text-xs text-muted">This invite {expiresText(at())}.</p>}</Show>
              </div>
              <Show
                when={p().member}
                fallback={
                  <button type="button" class="btn-primary py-2.5 text-base" onClick={accept} disabled={busy()}>
                    {busy() ? "Joining…" : "Accept invite"}
                  </button>
                }
              >
                <p class="font-medium">You're already a member</p>
                <A href={`/servers/${p().server.id}`} class="btn-primary py-2.5 text-base">Open server</A>
              </Show>
              <Show when={error()}><p class="form-error" role="alert">{error()}</p></Show>
            </section>
          )}
        </Match>
        <Match when={preview.loading}>
          <Spinner label="Loading the invite" />
        </Match>
      </Switch>
    </main>
  );
}
