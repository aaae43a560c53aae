// The sidebar of one server: its menu, search, the channels by type and the members.
import { For, Show } from "solid-js";
import { A, useParams } from "@solidjs/router";
import Hash from "lucide-solid/icons/hash";
import Lock from "lucide-solid/icons/lock";
import Mic from "lucide-solid/icons/mic";
import Pencil from "lucide-solid/icons/pencil";
import Plus from "lucide-solid/icons/plus";
import Search from "lucide-solid/icons/search";
import Settings from "lucide-solid/icons/settings";
import Trash from "lucide-solid/icons/trash";
import Video from "lucide-solid/icons/video";
import type { Channel, ChannelType, Member, ServerView } from "../../../../contract/types";
import { RESERVED_CHANNEL } from "../../../../contract/limits";
import { useModal } from "../../state/modal-context";
import { canModerate, isAdmin } from "../../state/queries";
import { Avatar } from "../ui/avatar";
import { MentionBadge, PresenceDot } from "../ui/badge";
import { badgeOf, createBadges, isOnline, isUnread } from "../../state/awareness";
import type { Badges } from "../../state/awareness";
import { RoleIcon } from "../ui/role-icon";
import { ServerHeader } from "./server-header";
import { VoiceParticipants } from "./voice-participants";

export const channelIcons = { TEXT: Hash, AUDIO: Mic, VIDEO: Video } as const;
const sections: { type: ChannelType; label: string }[] = [
  { type: "TEXT", label: "Text Channels" },
  { type: "AUDIO", label: "Voice Channels" },
  { type: "VIDEO", label: "Video Channels" },
];
const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

function SectionHeader(props: { label: string; action?: { label: string; icon: typeof Plus; run: () => void } }) {
  return (
    <div class="flex items-center justify-between px-2 pb-1 pt-4">
      <h3 class="text-xs font-semibold uppercase tracking-wide text-muted">{props.label}</h3>
      <Show when={props.action}>
        {(a) => (
          <button type="button" class="icon-btn p-0.5" aria-label={a().label} title={a().label} onClick={a().run}>
            {a().icon({ size: 16 })}
          </button>
        )}
      </Show>
    </div>
  );
}

function ChannelLink(props: { server: ServerView; channel: Channel; mod: boolean; badges: Badges }) {
  const params = useParams();
  const modal = useModal();
  const Icon = channelIcons[props.channel.type];
  const reserved = () => props.channel.name.toLowerCase() === RESERVED_CHANNEL;
  const state = () => props.badges.room(props.channel.id);
  const open = () => params.channelId === props.channel.id;
  const unread = () => !open() && isUnread(state());
  return (
    <li class="group relative">
      {/* Discord's dot at the rail's edge for an unread channel */}
      <Show when={unread()}>
        <span class="absolute -left-2 top-1/2 h-2 w-1 -translate-y-1/2 rounded-r bg-fg" aria-hidden="true" />
      </Show>
      <A
        href={`/servers/${props.server.id}/channels/${props.channel.id}`}
        class={`flex items-center gap-1.5 rounded px-2 py-1.5 outline-none hover:bg-hover hover:text-fg focus-visible:ring-2 focus-visible:ring-brand aria-[current=page]:bg-hover aria-[current=page]:text-fg ${unread() ? "text-fg" : "text-muted"}`}
        aria-current={open() ? "page" : undefined}
        aria-label={`${props.channel.name} (${props.channel.type.toLowerCase()} channel)`}
        data-unread={unread() ? "true" : undefined}
      >
        <Icon size={18} class="shrink-0" aria-hidden="true" />
        <span class={`truncate ${unread() ? "font-bold" : "font-medium"}`}>{props.channel.name}</span>
        <MentionBadge count={open() ? 0 : (state()?.mentions ?? 0)} label={`${state()?.mentions} mentions in ${props.channel.name}`} class="ml-auto group-hover:hidden" />
      </A>
      <Show when={props.mod}>
        <span class="absolute right-1 top-1/2 flex -translate-y-1/2 gap-0.5 opacity-0 group-focus-within:opacity-100 group-hover:opacity-100">
          {/* general keeps its name and type, and is never deleted; its slowmode can change */}
          <Show when={reserved()}><Lock size={14} class="mr-1 self-center text-muted" aria-label="The general channel keeps its name" role="img" /></Show>
          <button type="button" class="icon-btn p-0.5" aria-label={`Edit channel ${props.channel.name}`} onClick={() => modal.open("editChannel", { serverId: props.server.id, channel: props.channel })}>
            <Pencil size={14} />
          </button>
          <Show when={!reserved()}>
            <button type="button" class="icon-btn p-0.5" aria-label={`Delete channel ${props.channel.name}`} onClick={() => modal.open("deleteChannel", { serverId: props.server.id, channel: props.channel })}>
              <Trash size={14} />
            </button>
          </Show>
        </span>
      </Show>
    </li>
  );
}

export function ServerSidebar(props: { server: ServerView; self: Member | undefined; meId: string }) {
  const params = useParams();
  const modal = useModal();
  const mod = () => canModerate(props.self);
  const badges = createBadges();
  // the one looking is listed too, as Discord lists you, and online: they are here
  const onlineNow = (m: Member) => m.profileId === props.meId || isOnline(props.server.id, m.profileId);
  const online = () => props.server.members.filter(onlineNow);
  const offline = () => props.server.members.filter((m) => !onlineNow(m));

  return (
    <aside aria-label={`${props.server.name} channels and members`} class="flex h-full w-60 shrink-0 flex-col bg-sidebar">
      <ServerHeader server={props.server} self={props.self} isOwner={props.server.profileId === props.meId} />
      <div class="flex-1 overflow-y-auto px-2 pb-4">
        <button
          type="button"
          class="mt-2 flex w-full items-center gap-2 rounded px-2 py-1.5 text-sm text-muted outline-none hover:bg-hover hover:text-fg focus-visible:ring-2 focus-visible:ring-brand"
          onClick={() => modal.open("search", { serverId: props.server.id })}
        >
          <Search size={16} /> Search
          <kbd class="ml-auto hidden rounded bg-field px-1.5 text-[10px] font-semibold md:inline">{isMac ? "⌘" : "Ctrl"} K</kbd>
        </button>
        <For each={sections}>
          {(section) => {
            const channels = () => props.server.channels.filter((c) => c.type === section.type);
            return (
              <Show when={channels().length || mod()}>
                <nav aria-label={section.label}>
                  <SectionHeader
                    label={section.label}
                    action={mod() ? { label: `Create ${section.label.split(" ")[0].toLowerCase()} channel`, icon: Plus, run: () => modal.open("createChannel", { serverId: props.server.id, type: section.type }) } : undefined}
                  />
                  <ul class="grid gap-0.5">
                    <For each={channels()}>
                      {(channel) => (
                        <>
                          <ChannelLink server={props.server} channel={channel} mod={mod()} badges={badges} />
                          <Show when={channel.type !== "TEXT"}><VoiceParticipants channel={channel} /></Show>
                        </>
                      )}
                    </For>
                  </ul>
                </nav>
              </Show>
            );
          }}
        </For>
        <Show when={props.server.members.length}>
          <nav aria-label="Members">
            <SectionHeader
              label="Members"
              action={isAdmin(props.self) ? { label: "Manage members", icon: Settings, run: () => modal.open("members", { serverId: props.server.id }) } : undefined}
            />
            <MemberGroup label={`Online — ${online().length}`} members={online()} server={props.server} badges={badges} meId={props.meId} online />
            <MemberGroup label={`Offline — ${offline().length}`} members={offline()} server={props.server} badges={badges} meId={props.meId} online={false} />
          </nav>
        </Show>
      </div>
    </aside>
  );
}

/**
 * Members as Discord lists them: who is online first, each a link to the direct conversation with them; the one
 * looking is there too, without a link (nobody has a conversation with themself).
 */
function MemberGroup(props: { label: string; members: Member[]; server: ServerView; badges: Badges; meId: string; online: boolean }) {
  const params = useParams();
  return (
    <Show when={props.members.length}>
      <h4 class="px-2 pb-1 pt-2 text-[11px] font-semibold uppercase tracking-wide text-muted">{props.label}</h4>
      <ul class="grid gap-0.5" aria-label={props.label}>
        <For each={props.members}>
          {(member) => {
            const state = () => props.badges.conversationWith(props.server.id, member.id);
            const open = () => params.memberId === member.id;
            const unread = () => !open() && isUnread(state());
            const count = () => (open() ? 0 : badgeOf(state()));
            const face = (
              <span class="relative shrink-0">
                <Avatar name={member.profile.name} src={member.profile.imageUrl} size={32} />
                <PresenceDot online={props.online} name={member.profile.name} />
              </span>
            );
            if (member.profileId === props.meId)
              return (
                <li class="flex items-center gap-2 px-2 py-1.5 text-muted" aria-label={`${member.profile.name} (you)`}>
                  {face}
                  <span class="truncate font-medium">{member.profile.name}</span>
                  <RoleIcon role={member.role} size={14} />
                </li>
              );
            return (
              <li>
                <A
                  href={`/servers/${props.server.id}/conversations/${member.id}`}
                  class={`flex items-center gap-2 rounded px-2 py-1.5 outline-none hover:bg-hover hover:text-fg focus-visible:ring-2 focus-visible:ring-brand aria-[current=page]:bg-hover aria-[current=page]:text-fg ${unread() ? "text-fg" : "text-muted"} ${props.online ? "" : "opacity-60"}`}
                  aria-current={open() ? "page" : undefined}
                  aria-label={`Message ${member.profile.name}`}
                  data-unread={unread() ? "true" : undefined}
                >
                  {face}
                  <span class={`truncate ${unread() ? "font-bold" : "font-medium"}`}>{member.profile.name}</span>
                  <RoleIcon role={member.role} size={14} />
                  <MentionBadge count={count()} label={`${count()} unread from ${member.profile.name}`} class="ml-auto" />
                </A>
              </li>
            );
          }}
        </For>
      </ul>
    </Show>
  );
}
