// The shape of one chat's store and what its modules share: the store and its setter, whether the chat has left
// the screen, page sizes, and small helpers. The modules: chat-merge.ts (placing server messages), chat-pages.ts
// (history pages and jumps), chat-catch-up.ts (catch-up and polling), chat-sending.ts (sends and waits),
// chat-room.ts (room frames and typing); chat-store.ts puts them together.
import type { SetStoreFunction } from "solid-js/store";
import type { Member, Message, MessageRef } from "../../../contract/types";

export interface ChatMessage extends Message {
  /** only on messages of ours the server has not confirmed yet; "waiting": held back by a rate limit */
  status?: "sending" | "waiting" | "failed";
  error?: string;
}

export interface ChatState {
  messages: ChatMessage[]; // oldest first, as shown
  olderCursor: string | null;
  /** set after a jump to an old message: the newest messages are not loaded, this asks for the next newer page */
  newerCursor: string | null;
  loadingNewer: boolean;
  loading: boolean;
  loadingOlder: boolean;
  error: string | null;
  /** the room socket is open; otherwise the chat polls every second */
  live: boolean;
  /** the server said "slow down": no send until this time (ms since the epoch) */
  slowUntil: number | null;
  /** a conversation whose other member left the server (heard live from its room): who left */
  departed: Member | null;
  /** the message the next send answers */
  replyingTo: string | null;
  /** who else is typing here, by profile id: their name, and until when it shows (ms since the epoch) */
  typing: Record<string, { name: string; until: number }>;
}

/** The store and its setter, as the chat's modules share them. */
export interface ChatParts {
  state: ChatState;
  setState: SetStoreFunction<ChatState>;
  /** the chat left the screen: answers that come late are dropped */
  disposed: () => boolean;
}

/** Puts a message from the server in its place (chat-merge.ts); `newest`: it arrived as new. */
export type Merge = (raw: Message, newest: boolean, fromRoom?: boolean) => void;

export const PAGE_SIZE = 30;
/** older pages asked for while looking for the message a reply quotes */
export const SEEK_PAGE_SIZE = 100;

export const errorText = (e: unknown) => (e instanceof Error ? e.message : "Something went wrong");
export const refOf = (m: Message): MessageRef => ({ id: m.id, content: m.content, fileUrl: m.fileUrl, deleted: m.deleted, memberId: m.memberId, member: m.member });

/** where our unconfirmed messages start: they stay under everything the server has confirmed */
export const firstPending = (list: ChatMessage[]) => {
  const i = list.findIndex((m) => m.status);
  return i === -1 ? list.length : i;
};
