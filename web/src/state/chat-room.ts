// A chat's room: its frames (new and changed messages, reactions, a member who left, who is typing) applied to
// the store, and our own typing told to it. "… is typing" shows for TYPING_SHOWN_MS after a person's last typing
// frame, or until their message arrives.
import { onCleanup } from "solid-js";
import { memberKey, messagesKey, messagesUpdateKey, reactionsKey, typingKey } from "../../../contract/room";
import { TYPING_INTERVAL_MS, TYPING_SHOWN_MS } from "../../../contract/limits";
import type { RoomFrame } from "../../../contract/room";
import type { Member, ReactionEvent, Typing } from "../../../contract/types";
import type { ChatTarget } from "../lib/api";
import { connectRoom, type RoomConnection } from "./room-socket";
import { withReactionEvent } from "./reactions";
import type { ChatParts, Merge } from "./chat-state";

export interface RoomDeps {
  self: () => Member | undefined;
  merge: Merge;
  /** a version heard from the room (chat-catch-up.ts) */
  seen: (version: number) => void;
  onOpen: () => void;
  onRemoved: () => void;
}

export function createChatRoom(target: ChatTarget, { state, setState }: ChatParts, deps: RoomDeps) {
  const { self, merge } = deps;

  function onFrame(frame: RoomFrame) {
    if (frame.key === memberKey(target.roomId)) {
      // a former member: their messages stay, marked; a conversation with them can be read, not written to
      const member = frame.data;
      setState("messages", (m) => m.memberId === member.id, "member", "left", member.left);
      if (member.left) setState("departed", member);
      return;
    }
    if (frame.key === typingKey(target.roomId)) return typingFrom(frame.data);
    if (frame.key === messagesKey(target.roomId)) {
      merge(frame.data, true, true);
      // their message is here: they stopped typing it
      if (state.typing[frame.data.member.profileId]) setState("typing", frame.data.member.profileId, undefined!);
    }
    else if (frame.key === messagesUpdateKey(target.roomId)) merge(frame.data, false, true);
    else if (frame.key === reactionsKey(target.roomId)) reacted(frame.data);
    else return; // keys this client does not know
    deps.seen(frame.data.version);
  }

  function reacted(event: ReactionEvent) {
    const i = state.messages.findIndex((m) => m.id === event.messageId);
    if (i === -1) return; // history not paged in: it comes with its reactions when it is
    const reactions = withReactionEvent(state.messages[i], event, self()?.id);
    if (reactions) setState("messages", i, { reactions, version: event.version });
  }

  const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  function typingFrom(t: Typing) {
    if (t.profileId === self()?.profileId) return; // our own other tab
    setState("typing", t.profileId, { name: t.name, until: Date.now() + TYPING_SHOWN_MS });
    clearTimeout(typingTimers.get(t.profileId));
    typingTimers.set(t.profileId, setTimeout(() => setState("typing", t.profileId, undefined!), TYPING_SHOWN_MS));
  }
  /** When we last told the room we type: at most once per TYPING_INTERVAL_MS, as the room relays it. */
  let typedAt = 0;

  let stopRoom: RoomConnection | undefined;
  onCleanup(() => {
    typingTimers.forEach(clearTimeout);
    stopRoom?.();
  });

  return {
    /** Opens the room's socket, once the first page is in. */
    connect() {
      stopRoom = connectRoom(target.roomId, {
        onFrame,
        // put out of the room: say why and stop asking; the socket does not come back
        onRemoved: () => {
          deps.onRemoved();
          setState({ live: false, error: "You no longer have access to this chat." });
        },
        onOpen: deps.onOpen,
        onDown: () => setState("live", false),
      });
    },
    /** a message of ours went out: the next keystroke may say we type again */
    sent: () => (typedAt = 0),
    /** The composer changed: tell the room we type (never for an empty composer), at most every 2 seconds. */
    typed(text: string) {
      if (!text.trim() || Date.now() - typedAt < TYPING_INTERVAL_MS) return;
      typedAt = Date.now();
      stopRoom?.send({ type: "typing" });
    },
  };
}
