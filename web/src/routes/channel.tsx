// /servers/:serverId/channels/:channelId: a text channel's chat, or the media room of a voice or video channel.
import { lazy, Match, Show, Suspense, Switch } from "solid-js";
import { useParams } from "@solidjs/router";
import Hash from "lucide-solid/icons/hash";
import { ChatView } from "../components/chat/chat-view";
import { ChatHeader } from "../components/chat/chat-header";
import { channelIcons } from "../components/server/server-sidebar";
import { Spinner } from "../components/ui/spinner";
import { useServerView } from "../state/server-view";
import { refreshServer } from "../state/queries";

// the media room's code, and livekit-client with it, loads only when a voice or video channel opens
const MediaRoom = lazy(() => import("../components/media-room"));

export function ChannelPage() {
  const params = useParams<{ serverId: string; channelId: string }>();
  const { server, self } = useServerView();
  const channel = () => server.data?.channels.find((c) => c.id === params.channelId);
  // keyed by id and type: a new channel (or a retyped one) gets a fresh chat store, a refetched server does not
  const key = () => (channel() ? `${channel()!.id}:${channel()!.type}` : undefined);

  return (
    <Show when={key()} keyed fallback={<main class="grid flex-1 place-items-center text-muted">This channel does not exist.</main>}>
      {(_key) => {
        const c = channel()!;
        const Icon = channelIcons[c.type];
        return (
          <Switch>
            <Match when={c.type === "TEXT"}>
              <ChatView
                target={{ kind: "channel", roomId: c.id, serverId: c.serverId }}
                self={self}
                // members are not pushed by rooms: a message from a newcomer is the cue to refresh the sidebar
                onStranger={(memberId) => {
                  if (server.data && !server.data.members.some((m) => m.id === memberId)) void refreshServer(c.serverId);
                }}
                icon={<Hash size={22} class="shrink-0 text-muted" aria-hidden="true" />}
                title={channel()?.name ?? c.name}
                placeholder={`Message #${channel()?.name ?? c.name}`}
                welcome={
                  <div class="grid gap-2">
                    <span class="grid size-16 place-items-center rounded-full bg-raised"><Hash size={36} aria-hidden="true" /></span>
                    <h2 class="text-2xl font-bold">Welcome to #{channel()?.name ?? c.name}!</h2>
                    <p class="text-muted">This is the start of the #{channel()?.name ?? c.name} channel.</p>
                  </div>
                }
              />
            </Match>
            <Match when={c.type !== "TEXT"}>
              <ChatHeader icon={<Icon size={22} class="shrink-0 text-muted" aria-hidden="true" />} title={c.name} />
              <Suspense fallback={<div class="grid flex-1 place-items-center"><Spinner label="Loading the media room" /></div>}>
                <MediaRoom roomId={c.id} video={c.type === "VIDEO"} audio name={c.name} />
              </Suspense>
            </Match>
          </Switch>
        );
      }}
    </Show>
  );
}
