// The chat on screen, for the header, the list and the input: its store, and the people in it (who a mention may
// name, and the name a `<@memberId>` in a message reads as).
import { createContext, createMemo, useContext, type Accessor } from "solid-js";
import type { Conversation, Member } from "../../../contract/types";
import type { ChatTarget } from "../lib/api";
import type { ChatStore } from "./chat-store";
import { createServerQuery, keys } from "./queries";
import { queryClient } from "./query-client";

export const ChatContext = createContext<ChatStore>();

export function useChat(): ChatStore {
  const store = useContext(ChatContext);
  if (!store) throw new Error("useChat must be used inside a ChatContext.Provider");
  return store;
}

export interface ChatPeople {
  self: Accessor<Member | undefined>;
  /** who the composer's `@` list offers: the server's members, or a conversation's two */
  mentionable: Accessor<Member[]>;
  /** whether our `@everyone` would count: ADMIN or MODERATOR, in a channel */
  mayMentionEveryone: Accessor<boolean>;
  /** the name `<@memberId>` reads as: current members, and the authors of what is loaded (former members too) */
  nameOf: (memberId: string) => string | undefined;
}

/** The conversation's two members, from the page that opened it (the conversation route keeps it cached). */
function cachedConversation(serverId: string, conversationId: string): Conversation | undefined {
  return queryClient
    // every conversation opened in that server: the key's first two parts
    .getQueriesData<Conversation>({ queryKey: keys.conversation(serverId, "").slice(0, 2) })
    .map(([, c]) => c)
    .find((c) => c?.id === conversationId);
}

export function createChatPeople(target: ChatTarget, self: Accessor<Member | undefined>, chat: ChatStore[0]): ChatPeople {
  const server = createServerQuery(() => target.serverId);
  const conversation = target.kind === "conversation" ? cachedConversation(target.serverId, target.roomId) : undefined;
  const mentionable = createMemo(() => {
    if (target.kind === "channel") return server.data?.members ?? [];
    const pair = conversation ? [conversation.memberOne, conversation.memberTwo] : [self()].filter((m): m is Member => !!m);
    // the server's copy, when it has one, carries a newer name
    return pair.map((m) => server.data?.members.find((s) => s.id === m.id) ?? m);
  });
  const names = createMemo(() => {
    const map = new Map<string, string>();
    for (const m of chat.messages) {
      map.set(m.memberId, m.member.profile.name);
      if (m.replyTo) map.set(m.replyTo.memberId, m.replyTo.member.profile.name);
    }
    for (const m of server.data?.members ?? []) map.set(m.id, m.profile.name);
    for (const m of mentionable()) map.set(m.id, m.profile.name);
    return map;
  });
  return {
    self,
    mentionable,
    mayMentionEveryone: () => target.kind === "channel" && (self()?.role === "ADMIN" || self()?.role === "MODERATOR"),
    nameOf: (id) => names().get(id),
  };
}

export const ChatPeopleContext = createContext<ChatPeople>();

export function useChatPeople(): ChatPeople {
  const people = useContext(ChatPeopleContext);
  if (!people) throw new Error("useChatPeople must be used inside a ChatPeopleContext.Provider");
  return people;
}
