// The results of a message search, beside the chat: author, channel, time and the text with the searched words
// marked and mentions read as names (as the chat shows them), newest first, a page at a time. A click opens the
// message in its channel, scrolled to it.
import { createMemo, For, Show } from "solid-js";
import { useNavigate } from "@solidjs/router";
import X from "lucide-solid/icons/x";
import type { Message } from "../../../../contract/types";
import { closeSearch, loadMoreResults, resultHref, searchResults } from "../../state/message-search";
import type { SearchResults } from "../../state/message-search";
import { highlight } from "../../lib/search-query";
import { mentionRuns, UNKNOWN_MEMBER } from "../../lib/mentions";
import { messageTime } from "../../lib/format";
import { Avatar } from "../ui/avatar";
import { Spinner } from "../ui/spinner";

/**
 * The name a `<@memberId>` in a result reads as: the place's members (current ones, or a conversation's two), and
 * the authors of the results, former members too.
 */
function nameOf(state: SearchResults) {
  const names = new Map<string, string>();
  for (const m of state.items) {
    names.set(m.memberId, m.member.profile.name);
    if (m.replyTo) names.set(m.replyTo.memberId, m.replyTo.member.profile.name);
  }
  for (const m of state.place.members) names.set(m.id, m.profile.name);
  return (memberId: string) => names.get(memberId);
}

export default function SearchPanel() {
  return (
    <Show when={searchResults()}>
      {(state) => {
        const names = createMemo(() => nameOf(state()));
        return (
          <aside aria-label="Search results" class="flex w-[min(420px,100%)] shrink-0 flex-col border-l border-line bg-sidebar">
            <header class="flex h-12 shrink-0 items-center justify-between border-b border-line px-4">
              <h2 class="text-sm font-semibold" role="status">
                {state().loading && !state().items.length ? "Searching…" : `${state().items.length}${state().nextCursor ? "+" : ""} result${state().items.length === 1 ? "" : "s"}`}
              </h2>
              <button type="button" class="icon-btn" aria-label="Close search results" onClick={closeSearch}><X size={18} /></button>
            </header>
            <div class="flex-1 overflow-y-auto p-3">
              <Show when={state().error}>
                <p role="alert" class="rounded bg-danger/10 p-3 text-sm text-danger">{state().error}</p>
              </Show>
              <Show when={!state().loading && !state().error && !state().items.length}>
                <p class="p-6 text-center text-muted">No messages match “{state().text}”.</p>
              </Show>
              <ul class="grid gap-2" aria-label="Results">
                <For each={state().items}>{(m) => <Result state={state()} message={m} nameOf={names()} />}</For>
              </ul>
              <Show when={state().nextCursor}>
                <button type="button" class="btn-ghost mt-3 w-full" disabled={state().loading} onClick={loadMoreResults}>
                  {state().loading ? "Loading…" : "Load more results"}
                </button>
              </Show>
              <Show when={state().loading && state().items.length}><Spinner label="Loading more results" /></Show>
            </div>
          </aside>
        );
      }}
    </Show>
  );
}

function Result(props: { state: SearchResults; message: Message; nameOf: (memberId: string) => string | undefined }) {
  const navigate = useNavigate();
  const channel = () => props.state.place.channels.find((c) => c.id === props.message.channelId);
  return (
    <li>
      <button
        type="button"
        class="grid w-full gap-1 rounded-md bg-surface p-3 text-left outline-none hover:bg-hover focus-visible:ring-2 focus-visible:ring-brand"
        aria-label={`Jump to the message by ${props.message.member.profile.name}`}
        onClick={() => navigate(resultHref(props.state.place, props.message))}
      >
        <span class="flex items-center gap-2 text-xs text-muted">
          <Show when={channel()}>{(c) => <span class="font-semibold">#{c().name}</span>}</Show>
          <time dateTime={props.message.createdAt}>{messageTime(props.message.createdAt)}</time>
        </span>
        <span class="flex gap-2">
          <Avatar name={props.message.member.profile.name} src={props.message.member.profile.imageUrl} size={32} />
          <span class="min-w-0">
            <span class="block text-sm font-semibold">{props.message.member.profile.name}</span>
            <span class="block whitespace-pre-wrap break-words text-sm" data-testid="search-result-text">
              <For each={mentionRuns(props.message.content)}>
                {(run) =>
                  "memberId" in run ? (
                    <span class="mention" data-testid="mention">@{props.nameOf(run.memberId) ?? UNKNOWN_MEMBER}</span>
                  ) : (
                    <For each={highlight(run.text, props.state.terms)}>
                      {(part) => (part.hit ? <mark class="rounded-sm bg-brand/30 text-fg">{part.text}</mark> : part.text)}
                    </For>
                  )
                }
              </For>
            </span>
          </span>
        </span>
      </button>
    </li>
  );
}
