// How a message's reactions change on this client, whatever order the news comes in: a message never goes back to
// an older version; a room frame brings one emoji's new count (its `me` is known here, not in the frame); our own
// click shows at once and stays shown until the server has answered it.
import type { Message, Reaction, ReactionEvent } from "../../../contract/types";

/** The picker's data writes some emoji with a variation selector they do not need: the one spelling the worker keeps. */
export { canonicalEmoji } from "../../../contract/emoji";

interface Versioned {
  version: number;
  reactions: Reaction[];
}

/** The reactions with ours for `emoji` set to `on` (the count follows), as a click shows before the answer. */
export function withMine(reactions: readonly Reaction[], emoji: string, on: boolean): Reaction[] {
  const held = reactions.find((r) => r.emoji === emoji);
  if ((held?.me ?? false) === on) return [...reactions];
  if (!held) return [...reactions, { emoji, count: 1, me: true }];
  const count = held.count + (on ? 1 : -1);
  return count > 0 ? reactions.map((r) => (r === held ? { emoji, count, me: on } : r)) : reactions.filter((r) => r !== held);
}

/**
 * A reaction frame applied to the message it names: null when the message already holds that version or a newer
 * one. `me` changes only when the frame is about our own reaction.
 */
export function withReactionEvent(message: Versioned, event: ReactionEvent, myMemberId: string | undefined): Reaction[] | null {
  if (event.version <= message.version) return null;
  const held = message.reactions.find((r) => r.emoji === event.emoji);
  const me = event.memberId === myMemberId ? event.added : (held?.me ?? false);
  if (event.count <= 0) return message.reactions.filter((r) => r !== held);
  if (!held) return [...message.reactions, { emoji: event.emoji, count: event.count, me }];
  return message.reactions.map((r) => (r === held ? { emoji: r.emoji, count: event.count, me } : r));
}

/** A whole message from a room frame shows no reaction as anyone's: ours are the ones we held already. */
export const keepMine = (incoming: readonly Reaction[], held: readonly Reaction[]): Reaction[] =>
  incoming.map((r) => ({ ...r, me: held.some((h) => h.emoji === r.emoji && h.me) }));

/**
 * Our reaction clicks the server has not answered yet, by message and emoji, and the one request at a time for
 * each that settles them. Whatever arrives meanwhile (a page, an edit, another emoji's answer) is shown with them
 * still on top, so a chip never blinks back and forth; a click while a request is out is sent after it.
 */
export function createReactionWishes(io: {
  send: (id: string, emoji: string, on: boolean) => Promise<Message>;
  /** the server's answer, once it matches the latest click */
  answered: (message: Message) => void;
  /** the server refused: show ours as it was before the clicks */
  undo: (id: string, emoji: string, on: boolean) => void;
}) {
  const wishes = new Map<string, Map<string, boolean>>();
  const sending = new Set<string>();
  const wish = (id: string, emoji: string) => wishes.get(id)?.get(emoji);
  const forget = (id: string, emoji: string) => {
    wishes.get(id)?.delete(emoji);
    if (!wishes.get(id)?.size) wishes.delete(id);
  };

  return {
    /** `reactions` from the server with our unanswered clicks on top */
    apply(id: string, reactions: Reaction[]): Reaction[] {
      for (const [emoji, on] of wishes.get(id) ?? []) reactions = withMine(reactions, emoji, on);
      return reactions;
    },
    /** Records a click that makes ours `on` (it was `before`) and sends it; rejects when the server refuses. */
    async want(id: string, emoji: string, on: boolean, before: boolean): Promise<void> {
      if (!wishes.has(id)) wishes.set(id, new Map());
      wishes.get(id)!.set(emoji, on);
      const key = `${id} ${emoji}`;
      if (sending.has(key)) return;
      sending.add(key);
      try {
        for (let next = wish(id, emoji); next !== undefined; next = wish(id, emoji)) {
          const answer = await io.send(id, emoji, next);
          if (wish(id, emoji) !== next) continue; // clicked again meanwhile: this answer shows the old wish
          forget(id, emoji);
          io.answered(answer);
        }
      } catch (e) {
        forget(id, emoji);
        io.undo(id, emoji, before);
        throw e;
      } finally {
        sending.delete(key);
      }
    },
  };
}
