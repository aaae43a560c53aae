// What a reply answers, above it as in Discord: a line from the avatar up to the quoted author and the first line
// of their message; a click goes to that message (paging in older history to find it). A deleted one says so.
import { Show } from "solid-js";
import type { MessageRef } from "../../../../contract/types";
import { useChatPeople } from "../../state/chat-context";
import { Markdown } from "../markdown/message-markdown";
import { Avatar } from "../ui/avatar";

export function MessageQuote(props: { quote: MessageRef; onJump: (id: string) => void }) {
  const people = useChatPeople();
  const firstLine = () => props.quote.content.split("\n")[0];
  return (
    <div class="relative flex h-[22px] items-center pl-14 text-sm text-muted">
      <span aria-hidden="true" class="absolute left-9 top-[11px] bottom-0 w-[18px] rounded-tl-md border-l-2 border-t-2 border-line" />
      <Show
        when={!props.quote.deleted}
        fallback={<span class="italic" data-testid="reply-quote">Original message was deleted</span>}
      >
        <button
          type="button"
          class="flex min-w-0 items-center gap-1 hover:text-fg"
          data-testid="reply-quote"
          title="Go to the message this replies to"
          onClick={() => props.onJump(props.quote.id)}
        >
          <Avatar name={props.quote.member.profile.name} src={props.quote.member.profile.imageUrl} size={16} />
          <span class="shrink-0 font-semibold text-fg/90">@{props.quote.member.profile.name}</span>
          <span class="md-inline truncate">
            <Show when={firstLine()} fallback={props.quote.fileUrl ? "Click to see attachment" : ""}>
              <Markdown source={firstLine()} nameOf={people.nameOf} everyone={false} />
            </Show>
          </span>
        </button>
      </Show>
    </div>
  );
}
