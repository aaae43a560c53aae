// The signed-in home: who you are and your servers. Sends a signed-out visitor to sign in.
import { createResource, For, Show } from "solid-js";
import { useNavigate } from "@solidjs/router";
import { ApiError, getProfile, listServers, signOut } from "../lib/api";

export function HomePage() {
  const navigate = useNavigate();
  const [profile] = createResource(async () => {
    try {
      return await getProfile();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) navigate("/sign-in", { replace: true });
      throw e;
    }
  });
  const [servers] = createResource(profile, () => listServers());

  async function leave() {
    await signOut();
    navigate("/sign-in", { replace: true });
  }

  return (
    <Show when={profile()}>
      {(me) => (
        <main class="home">
          <header>
            <span data-testid="me">{me().name}</span>
            <button type="button" onClick={leave}>Sign out</button>
          </header>
          <h2>Your servers</h2>
          <ul data-testid="servers">
            <For each={servers()} fallback={<li class="muted">No servers yet.</li>}>
              {(server) => <li>{server.name}</li>}
            </For>
          </ul>
        </main>
      )}
    </Show>
  );
}
