// The rail at the far left: your servers, create one, join one, the theme, your settings and your account.
import { For, Show } from "solid-js";
import { A, useParams } from "@solidjs/router";
import Compass from "lucide-solid/icons/compass";
import LogOut from "lucide-solid/icons/log-out";
import Moon from "lucide-solid/icons/moon";
import Plus from "lucide-solid/icons/plus";
import Settings from "lucide-solid/icons/settings";
import Sun from "lucide-solid/icons/sun";
import { theme, toggleTheme } from "../../lib/theme";
import { useMe } from "../../state/me-context";
import { useModal } from "../../state/modal-context";
import { createServersQuery } from "../../state/queries";
import { useSignOut } from "../../state/session";
import { Avatar } from "../ui/avatar";
import { MentionBadge } from "../ui/badge";
import { createBadges } from "../../state/awareness";

const railButton = "group relative grid size-12 place-items-center rounded-[24px] transition-all hover:rounded-2xl outline-none focus-visible:ring-2 focus-visible:ring-brand";

export function ServerRail() {
  const servers = createServersQuery();
  const params = useParams();
  const modal = useModal();
  const me = useMe();
  const signOut = useSignOut();
  const badges = createBadges();

  return (
    <nav aria-label="Servers" class="flex h-full w-[72px] shrink-0 flex-col items-center gap-2 overflow-y-auto bg-rail py-3">
      <ul class="flex flex-col items-center gap-2" aria-label="Your servers">
        <For each={servers.data}>
          {(server) => {
            const active = () => params.serverId === server.id;
            const unread = () => badges.serverUnread(server.id);
            const count = () => badges.serverCount(server.id);
            return (
              <li class="group relative" data-unread={unread() ? "true" : undefined}>
                {/* Discord's pill: tall for the open server, a short one for a server with anything unread */}
                <span class={`absolute -left-3 top-1/2 w-1 -translate-y-1/2 rounded-r bg-fg transition-all ${active() ? "h-10" : unread() ? "h-2 group-hover:h-5" : "h-0 group-hover:h-5"}`} aria-hidden="true" />
                <A
                  href={`/servers/${server.id}`}
                  class={`${railButton} overflow-hidden ${active() ? "rounded-2xl" : ""}`}
                  aria-label={`${server.name}${count() ? `, ${count()} mention${count() === 1 ? "" : "s"}` : unread() ? ", unread messages" : ""}`}
                  title={server.name}
                  aria-current={active() ? "page" : undefined}
                >
                  <Avatar name={server.name} src={server.imageUrl} size={48} class="rounded-none" />
                </A>
                <MentionBadge count={count()} label={`${count()} mentions in ${server.name}`} class="pointer-events-none absolute -bottom-0.5 -right-0.5 h-5 min-w-5 border-4 border-rail text-xs" />
              </li>
            );
          }}
        </For>
      </ul>
      <Show when={servers.data?.length}>
        <div class="mx-auto h-0.5 w-8 shrink-0 rounded bg-line" aria-hidden="true" />
      </Show>
      <button type="button" class={`${railButton} bg-surface text-ok hover:bg-ok hover:text-white`} aria-label="Add a server" title="Add a server" onClick={() => modal.open("createServer")}>
        <Plus size={24} />
      </button>
      <button type="button" class={`${railButton} bg-surface text-ok hover:bg-ok hover:text-white`} aria-label="Join a server" title="Join a server" onClick={() => modal.open("joinServer")}>
        <Compass size={24} />
      </button>
      <div class="mt-auto flex flex-col items-center gap-2 pt-2">
        <button type="button" class="icon-btn" aria-label={theme() === "dark" ? "Switch to light theme" : "Switch to dark theme"} title="Toggle theme" onClick={toggleTheme}>
          <Show when={theme() === "dark"} fallback={<Moon size={20} />}><Sun size={20} /></Show>
        </button>
        <A href="/settings" class="icon-btn" aria-label="User settings" title="User settings">
          <Settings size={20} />
        </A>
        <button type="button" class="icon-btn" aria-label="Sign out" title="Sign out" onClick={signOut}>
          <LogOut size={20} />
        </button>
        <span title={me().name} class="mt-1"><Avatar name={me().name} src={me().imageUrl} size={40} /></span>
        <span class="sr-only" data-testid="me">{me().name}</span>
      </div>
    </nav>
  );
}
