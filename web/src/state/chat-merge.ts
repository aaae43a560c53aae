// Placing a message from the server in a chat's list: the same id replaced in place, our optimistic copy replaced
// by its echo (matched by nonce), anything else inserted where its time puts it; and our reaction clicks kept
// over what the server says until it has answered them (reactions.ts).
import { produce } from "solid-js/store";
import type { Message } from "../../../contract/types";
import { setReaction, type ChatTarget } from "../lib/api";
import { newMessageIndex } from "./placement";
import { createReactionWishes, keepMine, withMine } from "./reactions";
import { firstPending, refOf, type ChatParts, type Merge } from "./chat-state";

export function createMerge(target: ChatTarget, { state, setState }: ChatParts) {
  const wishes = createReactionWishes({
    send: (id, emoji, on) => setReaction(target, id, emoji, on),
    answered: (m) => merge(m, false),
    undo: (id, emoji, on) => setState("messages", (m) => m.id === id, "reactions", (list) => withMine(list, emoji, on)),
  });
  /**
   * A message from the server as this client holds it: a room frame marks no reaction as ours, so ours are kept
   * from what we held; then our unanswered clicks.
   */
  function settled(incoming: Message, held: Message | undefined, fromRoom: boolean): Message {
    const reactions = wishes.apply(incoming.id, fromRoom ? keepMine(incoming.reactions, held?.reactions ?? []) : incoming.reactions);
    return reactions === incoming.reactions ? incoming : { ...incoming, reactions };
  }

  /** the version each message had when this client saw it arrive as new (room frames, our own POST answers) */
  const createdVersions = new Map<string, number>();
  /**
   * Puts a message from the server in its place: the same id is replaced (unless what we hold is newer), our
   * optimistic copy with the same nonce is replaced, and anything else is inserted where its time puts it —
   * unless it is older than the oldest loaded message, which is history we have not paged in yet.
   */
  const merge: Merge = (raw, newest, fromRoom = false) => {
    setState("messages", produce((list) => {
      const at = list.findIndex((m) => m.id === raw.id);
      const incoming = settled(raw, list[at], fromRoom);
      if (at !== -1) {
        if (incoming.version < list[at].version) return;
        // in place, so the row on screen is updated rather than drawn anew
        Object.assign(list[at], incoming);
        // the replies to it quote it as it is now: edited, or deleted
        for (const m of list) if (m.replyTo?.id === incoming.id) m.replyTo = refOf(incoming);
        return;
      }
      const own = incoming.nonce ? list.findIndex((m) => m.status && m.nonce === incoming.nonce && m.memberId === incoming.memberId) : -1;
      if (own !== -1) {
        list[own] = incoming;
        return;
      }
      const end = firstPending(list);
      // after a jump, what is newer than the newest message held is history not paged in yet, as older is
      if (state.newerCursor && end > 0 && incoming.createdAt > list[end - 1].createdAt) return;
      if (newest) {
        createdVersions.set(incoming.id, incoming.version);
        list.splice(newMessageIndex(list, incoming, end, (id) => createdVersions.get(id)), 0, incoming);
        return;
      }
      if (end === 0 || incoming.createdAt >= list[end - 1].createdAt) {
        list.splice(end, 0, incoming);
        return;
      }
      if (state.olderCursor && incoming.createdAt < list[0].createdAt) return;
      let i = end;
      while (i > 0 && list[i - 1].createdAt > incoming.createdAt) i--;
      list.splice(i, 0, incoming);
    }));
  };
  return { merge, wishes };
}
