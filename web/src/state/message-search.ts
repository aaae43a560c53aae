// The message search on screen: what was asked, in which server or conversation, and the pages that came back.
// One search at a time for the whole page, as Discord has one results panel.
import { createSignal } from "solid-js";
import { useParams } from "@solidjs/router";
import { createQuery } from "@tanstack/solid-query";
import type { Channel, Conversation, Member, Message } from "../../../contract/types";
import { openConversation } from "../lib/api";
import { useMe } from "./me-context";
import { createServerQuery, keys } from "./queries";
import { searchMessages } from "../lib/api";
import type { SearchScope } from "../lib/api";
import { parseSearch, resolveSearch } from "../lib/search-query";

export interface SearchPlace {
  scope: SearchScope;
  /** the server the results belong to, for links */
  serverId: string;
  members: Member[];
  channels: Channel[];
  /** in a conversation: the other member, whose page a result opens */
  peerMemberId?: string;
}

export interface SearchResults {
  text: string;
  place: SearchPlace;
  items: Message[];
  terms: string[];
  nextCursor: string | null;
  loading: boolean;
  error?: string;
}

const [results, setResults] = createSignal<SearchResults | undefined>();
export { results as searchResults };

/**
 * What the chat on screen searches: in a channel, the whole server's text channels; in a direct conversation, that
 * conversation. From the route and the cache the pages already filled.
 */
export function useSearchPlace(): () => SearchPlace | undefined {
  const params = useParams<{ serverId?: string; memberId?: string }>();
  const me = useMe();
  const server = createServerQuery(() => params.serverId ?? "");
  const conversation = createQuery<Conversation>(() => ({
    queryKey: keys.conversation(params.serverId ?? "", params.memberId ?? ""),
    queryFn: () => openConversation(params.serverId!, params.memberId!),
    enabled: !!params.serverId && !!params.memberId,
    staleTime: Infinity,
  }));
  return () => {
    const view = server.data;
    if (!params.serverId || !view) return undefined;
    if (!params.memberId) return { scope: { serverId: view.id }, serverId: view.id, members: view.members, channels: view.channels };
    const c = conversation.data;
    if (!c) return undefined;
    const other = c.memberOne.profileId === me().id ? c.memberTwo : c.memberOne;
    return { scope: { conversationId: c.id }, serverId: view.id, members: [c.memberOne, c.memberTwo], channels: [], peerMemberId: other.id };
  };
}

/** A request that is no longer the latest one answers into nothing. */
let asked = 0;

async function fetchPage(state: SearchResults, cursor: string | null) {
  const ticket = ++asked;
  const resolved = resolveSearch(parseSearch(state.text), state.place);
  if (resolved.problems.length || !resolved.q) {
    const error = resolved.problems.length ? `Cannot search: ${resolved.problems.join("; ")}.` : "Type a word to search for.";
    return setResults({ ...state, loading: false, error });
  }
  setResults({ ...state, loading: true, error: undefined });
  try {
    const page = await searchMessages(state.place.scope, resolved, cursor);
    if (ticket !== asked) return;
    setResults({ ...state, items: cursor ? [...state.items, ...page.items] : page.items, terms: page.terms, nextCursor: page.nextCursor, loading: false });
  } catch (e) {
    if (ticket === asked) setResults({ ...state, loading: false, error: (e as Error).message });
  }
}

export function runSearch(text: string, place: SearchPlace) {
  void fetchPage({ text, place, items: [], terms: [], nextCursor: null, loading: true }, null);
}

export function loadMoreResults() {
  const state = results();
  if (state?.nextCursor && !state.loading) void fetchPage(state, state.nextCursor);
}

export const closeSearch = () => {
  asked++;
  setResults(undefined);
};

/** Where a result opens: its channel (or the conversation), scrolled to it. */
export function resultHref(place: SearchPlace, m: Message) {
  const at = `?message=${encodeURIComponent(m.id)}`;
  return m.channelId ? `/servers/${place.serverId}/channels/${m.channelId}${at}` : `/servers/${place.serverId}/conversations/${place.peerMemberId}${at}`;
}
