// /servers/:serverId/conversations/:memberId: the direct messages between you and that member, or (with
// ?video=true) your video call, whose LiveKit room is the conversation's id.
import { lazy, Match, Show, Suspense, Switch } from "solid-js";
import { createQuery } from "@tanstack/solid-query";
import { useParams } from "@solidjs/router";
import { openConversation } from "../lib/api";
import { useMe } from "../state/me-context";
import { keys } from "../state/queries";
import { ChatView } from "../components/chat/chat-view";
import { ChatHeader } from "../components/chat/chat-header";
import { useVideoCall, VideoCallButton } from "../components/call/video-call-button";
import { Avatar } from "../components/ui/avatar";
import { Spinner } from "../components/ui/spinner";

// the room's code, and livekit-client with it, loads only when a call starts
const MediaRoom = lazy(() => import("../components/media-room"));

export function ConversationPage() {
  const params = useParams<{ serverId: string; memberId: string }>();
  const me = useMe();
  const [inCall, setCall] = useVideoCall();
  const conversation = createQuery(() => ({
    queryKey: keys.conversation(params.serverId, params.memberId),
    queryFn: () => openConversation(params.serverId, params.memberId),
    staleTime: Infinity,
  }));
  const self = () => {
    const c = conversation.data;
    return c ? (c.memberOne.profileId === me().id ? c.memberOne : c.memberTwo) : undefined;
  };
  const other = () => {
    const c = conversation.data;
    return c ? (c.memberOne.profileId === me().id ? c.memberTwo : c.memberOne) : undefined;
  };

  return (
    <Switch fallback={<div class="grid flex-1 place-items-center"><Spinner label="Opening the conversation" /></div>}>
      <Match when={conversation.error}>
        <main class="grid flex-1 place-items-center p-8 text-center text-muted" role="alert">{conversation.error?.message}</main>
      </Match>
      <Match when={conversation.data?.id}>
        <Show when={conversation.data!.id} keyed>
          {(id) => (
            <Show
              when={inCall()}
              fallback={
                <ChatView
                  target={{ kind: "conversation", roomId: id, serverId: params.serverId }}
                  self={self}
                  icon={<Avatar name={other()!.profile.name} src={other()!.profile.imageUrl} size={28} />}
                  title={other()!.profile.name}
                  placeholder={`Message ${other()!.profile.name}`}
                  actions={<VideoCallButton />}
                  departed={other()!.left ? other() : undefined}
                  welcome={
                    <div class="grid gap-2">
                      <Avatar name={other()!.profile.name} src={other()!.profile.imageUrl} size={72} />
                      <h2 class="text-2xl font-bold">{other()!.profile.name}</h2>
                      <p class="text-muted">This is the beginning of your direct message history with {other()!.profile.name}.</p>
                    </div>
                  }
                />
              }
            >
              <ChatHeader icon={<Avatar name={other()!.profile.name} src={other()!.profile.imageUrl} size={28} />} title={other()!.profile.name}>
                <VideoCallButton />
              </ChatHeader>
              <Suspense fallback={<div class="grid flex-1 place-items-center"><Spinner label="Loading the call" /></div>}>
                <MediaRoom roomId={id} name={other()!.profile.name} video audio onLeave={() => setCall(false)} />
              </Suspense>
            </Show>
          )}
        </Show>
      </Match>
    </Switch>
  );
}
