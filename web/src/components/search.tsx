// Ctrl/⌘+K: find a channel or a member of this server and jump there.
import { createMemo, createSignal, For, Show } from "solid-js";
import { useNavigate } from "@solidjs/router";
import Hash from "lucide-solid/icons/hash";
import Mic from "lucide-solid/icons/mic";
import Search from "lucide-solid/icons/search";
import Video from "lucide-solid/icons/video";
import { useMe } from "../state/me-context";
import { createServerQuery } from "../state/queries";
import { Avatar } from "./ui/avatar";
import { RoleIcon } from "./ui/role-icon";
import { DialogFrame } from "./ui/dialog-frame";
import type { ModalProps } from "../state/modal-context";
import { runSearch } from "../state/message-search";

interface Hit { id: string; group: "Messages" | "Channels" | "Members"; label: string; href?: string; run?: () => void; render: () => unknown }

const channelIcon = { TEXT: Hash, AUDIO: Mic, VIDEO: Video };

export default function SearchModal(props: ModalProps<"search">) {
  const navigate = useNavigate();
  const me = useMe();
  const server = createServerQuery(() => props.data.serverId);
  const [text, setText] = createSignal("");
  const [active, setActive] = createSignal(0);

  const hits = createMemo<Hit[]>(() => {
    const view = server.data;
    if (!view) return [];
    const needle = text().trim().toLowerCase();
    const match = (s: string) => s.toLowerCase().includes(needle);
    const channels = view.channels.filter((c) => match(c.name)).map<Hit>((c) => ({
      id: c.id, group: "Channels", label: c.name, href: `/servers/${view.id}/channels/${c.id}`,
      render: () => { const Icon = channelIcon[c.type]; return <><Icon size={16} class="text-muted" /> {c.name}</>; },
    }));
    const members = view.members.filter((m) => m.profileId !== me().id && match(m.profile.name)).map<Hit>((m) => ({
      id: m.id, group: "Members", label: m.profile.name, href: `/servers/${view.id}/conversations/${m.id}`,
      render: () => <><Avatar name={m.profile.name} src={m.profile.imageUrl} size={20} /> {m.profile.name} <RoleIcon role={m.role} size={14} /></>,
    }));
    // the text itself, searched in the server's messages (the results open beside the chat)
    const words = text().trim();
    const messages: Hit[] = words
      ? [{
          id: "messages", group: "Messages", label: words,
          run: () => runSearch(words, { scope: { serverId: view.id }, serverId: view.id, members: view.members, channels: view.channels }),
          render: () => <><Search size={16} class="text-muted" /> Search messages for “{words}”</>,
        }]
      : [];
    return [...channels, ...members, ...messages];
  });

  const go = (hit: Hit | undefined) => {
    if (!hit) return;
    props.close();
    if (hit.run) hit.run();
    else navigate(hit.href!);
  };

  function onKeyDown(e: KeyboardEvent) {
    const n = hits().length;
    if (e.key === "ArrowDown") setActive((i) => (n ? (i + 1) % n : 0));
    else if (e.key === "ArrowUp") setActive((i) => (n ? (i - 1 + n) % n : 0));
    else if (e.key === "Enter") go(hits()[active()]);
    else return;
    e.preventDefault();
  }

  return (
    <DialogFrame
      close={props.close}
      overlay="fixed inset-0 z-40 bg-black/70"
      place="fixed inset-0 z-50 flex items-start justify-center p-4 pt-[12vh]"
      class="w-full max-w-lg overflow-hidden rounded-lg bg-surface text-fg shadow-2xl outline-none"
      hiddenTitle={`Search ${server.data?.name ?? ""}`}
    >
      <div class="flex items-center gap-2 border-b border-line px-4">
        <Search size={18} class="text-muted" />
        <input
          class="w-full bg-transparent py-3 outline-none placeholder:text-muted"
          placeholder="Search channels, members and messages"
          aria-label="Search channels, members and messages"
          role="combobox"
          aria-expanded="true"
          aria-controls="search-results"
          aria-activedescendant={hits()[active()] ? `hit-${hits()[active()].id}` : undefined}
          value={text()}
          onInput={(e) => (setText(e.currentTarget.value), setActive(0))}
          onKeyDown={onKeyDown}
          autofocus
        />
      </div>
      <ul id="search-results" role="listbox" aria-label="Results" class="max-h-80 overflow-y-auto p-2">
        <Show when={hits().length} fallback={<li class="px-2 py-6 text-center text-sm text-muted">No results</li>}>
          <For each={hits()}>
            {(hit, i) => (
              <>
                <Show when={i() === 0 || hits()[i() - 1].group !== hit.group}>
                  <li role="presentation" class="px-2 pb-1 pt-2 text-xs font-bold uppercase text-muted">{hit.group}</li>
                </Show>
                <li
                  id={`hit-${hit.id}`}
                  role="option"
                  aria-selected={i() === active()}
                  class={`flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 ${i() === active() ? "bg-hover" : ""}`}
                  onMouseMove={() => setActive(i())}
                  onClick={() => go(hit)}
                >
                  {hit.render() as never}
                </li>
              </>
            )}
          </For>
        </Show>
      </ul>
    </DialogFrame>
  );
}
