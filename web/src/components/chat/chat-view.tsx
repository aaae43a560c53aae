// A whole chat (a channel or a direct conversation): it owns the chat's store for as long as it is on screen.
import { createEffect, createSignal, lazy, on, Show, Suspense, type JSX } from "solid-js";
import Bell from "lucide-solid/icons/bell";
import Pin from "lucide-solid/icons/pin";
import type { Member } from "../../../../contract/types";
import type { ChatTarget } from "../../lib/api";
import { ChatContext, ChatPeopleContext, createChatPeople } from "../../state/chat-context";
import { createChatStore } from "../../state/chat-store";
import { createServerQuery } from "../../state/queries";
import { ChatHeader } from "./chat-header";
import { ChatInput } from "./chat-input";
import { ChatMessages } from "./chat-messages";
import { SocketIndicator } from "./socket-indicator";
import { TypingLine } from "./typing-line";

const PinsPanel = lazy(() => import("./pins-panel"));
const NotificationMenu = lazy(() => import("./notification-menu"));

/** The header's bell: this chat's notification level; the menu and its code load on the first click. */
function NotifyButton(props: { target: ChatTarget }) {
  const [open, setOpen] = createSignal(false);
  return (
    <>
      <button type="button" class="icon-btn" data-notify-button aria-label="Notification settings" aria-expanded={open()} title="Notification settings" onClick={() => setOpen((o) => !o)}>
        <Bell size={18} />
      </button>
      <Suspense>
        <Show when={open()}><NotificationMenu target={props.target} onClose={() => setOpen(false)} /></Show>
      </Suspense>
    </>
  );
}

/** The header's pin button; the panel and its code load on the first click. */
function PinsButton() {
  const [open, setOpen] = createSignal(false);
  return (
    <>
      <button type="button" class="icon-btn" data-pins-button aria-label="Pinned messages" aria-expanded={open()} title="Pinned messages" onClick={() => setOpen((o) => !o)}>
        <Pin size={18} />
      </button>
      <Suspense>
        <Show when={open()}><PinsPanel onClose={() => setOpen(false)} /></Show>
      </Suspense>
    </>
  );
}

export function ChatView(props: {
  target: ChatTarget;
  self: () => Member | undefined;
  icon: JSX.Element;
  title: string;
  placeholder: string;
  welcome: JSX.Element;
  /** called when a message comes from someone the page does not know yet (a member who just joined) */
  onStranger?: (memberId: string) => void;
  /** buttons for the header, after the connection indicator (a direct message's video call button) */
  actions?: JSX.Element;
  /** a conversation whose other member has left the server, as the page loaded it */
  departed?: Member;
}) {
  // the target never changes for one ChatView: the routes key it by room id
  const server = createServerQuery(() => props.target.serverId);
  const slowmode = () => (props.target.kind === "channel" ? server.data?.channels.find((c) => c.id === props.target.roomId)?.slowmodeSeconds ?? 0 : 0);
  const store = createChatStore(props.target, props.self, slowmode);
  const people = createChatPeople(props.target, props.self, store[0]);
  createEffect(on(() => store[0].messages[store[0].messages.length - 1]?.memberId, (id) => id && props.onStranger?.(id)));
  return (
    <ChatContext.Provider value={store}>
      <ChatPeopleContext.Provider value={people}>
        <ChatHeader icon={props.icon} title={props.title}>
          <SocketIndicator live={store[0].live} />
          <NotifyButton target={props.target} />
          <PinsButton />
          {props.actions}
        </ChatHeader>
        <ChatMessages welcome={props.welcome} label={`Messages in ${props.title}`} roomId={props.target.roomId} meId={() => props.self()?.id} />
        <Show when={store[0].departed ?? props.departed} fallback={<><ChatInput placeholder={props.placeholder} /><TypingLine /></>}>
          {(gone) => (
            <p role="status" class="shrink-0 px-4 pb-6 pt-2 text-sm text-muted">
              {gone().profile.name} left the server. You can read this conversation, but not reply.
            </p>
          )}
        </Show>
      </ChatPeopleContext.Provider>
    </ChatContext.Provider>
  );
}
