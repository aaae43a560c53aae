// /invite/<code>: join that server (as GUEST; a member is simply taken there) and open it.
import { createResource, Show } from "solid-js";
import { A, Navigate, useParams } from "@solidjs/router";
import { joinByInvite } from "../lib/api";
import { storeServerView } from "../state/queries";
import { Spinner } from "../components/ui/spinner";

export function InvitePage() {
  const params = useParams();
  const [joined] = createResource(() => params.code, async (code) => {
    const view = await joinByInvite(code);
    storeServerView(view);
    return view;
  });
  return (
    <main class="grid flex-1 place-items-center p-6 text-center">
      <Show when={!joined.error} fallback={
        <div class="grid gap-3">
          <h1 class="text-xl font-bold">This invite does not work</h1>
          <p class="text-muted" role="alert">{(joined.error as Error)?.message}</p>
          <A href="/" class="btn-primary justify-self-center">Go home</A>
        </div>
      }>
        <Show when={joined()} fallback={<Spinner label="Joining the server" />}>
          {(view) => <Navigate href={`/servers/${view().id}`} />}
        </Show>
      </Show>
    </main>
  );
}
