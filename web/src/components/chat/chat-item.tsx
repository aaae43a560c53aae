// One message as Discord shows it: avatar, name, role and time (or, continuing its author's group, only the time on
// hover), the message it replies to, its markdown, "(edited)", its file and its reactions; a highlight when it
// mentions us; and the actions over its corner: react, reply, edit in place, pin, delete.
import { createSignal, lazy, Match, Show, Suspense, Switch } from "solid-js";
import { MESSAGE_MAX } from "../../../../contract/limits";
import { clockTime, messageTime, waitText } from "../../lib/format";
import { isRateLimited } from "../../lib/api";
import { decodeMentions, encodeMentions } from "../../lib/mentions";
import { useChat, useChatPeople } from "../../state/chat-context";
import type { ChatMessage } from "../../state/chat-store";
import { useModal } from "../../state/modal-context";
import { canModerate } from "../../state/queries";
import { Markdown } from "../markdown/message-markdown";
import { Avatar } from "../ui/avatar";
import { RoleIcon } from "../ui/role-icon";
import { Attachment } from "./message-attachment";
import { MessageQuote } from "./message-quote";
import { MessageReactions } from "./message-reactions";
import { MessageToolbar } from "./message-toolbar";

const EmojiPopover = lazy(() => import("./emoji-popover"));
const MessageEmbeds = lazy(() => import("./message-embeds"));

export function ChatItem(props: {
  message: ChatMessage;
  /** continues the group of the message above: no avatar or name */
  grouped: boolean;
  /** just jumped to (from a reply's quote, or a search result) */
  jumped: boolean;
  onJump: (id: string) => void;
}) {
  const [, chat] = useChat();
  const people = useChatPeople();
  const modal = useModal();
  const [editing, setEditing] = createSignal<{ text: string; picked: Map<string, string> } | null>(null);
  const [error, setError] = createSignal("");
  const [picker, setPicker] = createSignal<HTMLElement>();
  const m = () => props.message;
  const self = () => people.self();
  const mine = () => !!self() && m().memberId === self()!.id;
  const settled = () => !m().status && !m().deleted;
  // a message with a file keeps its file; what can be edited is its text (added, when it had none)
  const canEdit = () => settled() && mine();
  const canDelete = () => settled() && (mine() || canModerate(self()));
  // in a channel its staff pins; in a conversation either of the two
  const canPin = () => settled() && (chat.kind === "conversation" || canModerate(self()));
  const pin = () => chat.pin(m().id, !m().pinned).catch((e: Error) => setError(e.message));
  const edited = () => !m().deleted && !m().status && m().updatedAt !== m().createdAt;
  const mentionsMe = () => !m().deleted && !!self() && (m().mentions.includes(self()!.id) || m().mentionEveryone);

  // "slow down" is a note, not an error: as the composer's notice says it, gone when the wait is
  const [slow, setSlow] = createSignal("");
  const failed = (e: unknown) => {
    if (!isRateLimited(e)) return setError((e as Error).message);
    setSlow(`Slow down: try again in ${waitText(e.retryAfter)}`);
    setTimeout(() => setSlow(""), e.retryAfter * 1000);
  };
  const react = (emoji: string) => chat.toggleReaction(m().id, emoji).catch(failed);
  // the field shows `@Name` where the message has `<@memberId>`, and saving turns them back
  const startEditing = () => setEditing(decodeMentions(m().content, people.nameOf));
  const stopEditing = () => (setEditing(null), setError(""));

  async function save(e: SubmitEvent) {
    e.preventDefault();
    const typed = String(new FormData(e.currentTarget as HTMLFormElement).get("content") ?? "").trim();
    const content = encodeMentions(typed, editing()?.picked ?? new Map());
    if (!content) {
      if (m().fileUrl && !m().content) return stopEditing(); // nothing typed, nothing there before: no change
      return setError(m().fileUrl ? "The text cannot be removed from a file; delete the message instead" : "A message cannot be empty; delete it instead");
    }
    if ([...content].length > MESSAGE_MAX) return setError(`A message can be at most ${MESSAGE_MAX} characters`);
    stopEditing();
    if (content === m().content) return;
    try {
      await chat.edit(m().id, content);
    } catch (err) {
      failed(err);
    }
  }

  return (
    <li
      class={`group relative px-4 py-0.5 ${props.grouped ? "" : "mt-[17px]"} ${m().status === "sending" || m().status === "waiting" ? "opacity-60" : ""} ${
        props.jumped ? "bg-brand/15" : mentionsMe() ? "mentioned" : "hover:bg-hover/50"
      }`}
      data-message-id={m().id}
      data-mentioned={mentionsMe() || undefined}
      data-jumped={props.jumped || undefined}
    >
      <Show when={m().replyTo} keyed>{(quote) => <MessageQuote quote={quote} onJump={props.onJump} />}</Show>
      <div class="flex gap-4">
        <div class="relative w-10 shrink-0">
          <Show
            when={!props.grouped}
            fallback={
              // wider than the avatar's column: it reaches into the margin rather than wrapping
              <time class="invisible absolute right-0 top-0 whitespace-nowrap text-[11px] leading-[22px] text-muted group-hover:visible" datetime={m().createdAt} title={messageTime(m().createdAt)}>
                {clockTime(m().createdAt)}
              </time>
            }
          >
            <Avatar name={m().member.profile.name} src={m().member.profile.imageUrl} size={40} class="mt-0.5" />
          </Show>
        </div>
        <div class="min-w-0 flex-1">
          <Show when={!props.grouped}>
            <div class="flex flex-wrap items-center gap-x-2">
              <span class="font-semibold">{m().member.profile.name}</span>
              <Show when={m().member.left} fallback={<RoleIcon role={m().member.role} size={14} />}>
                <span class="text-xs text-muted" data-testid="left-mark">left the server</span>
              </Show>
              <time class="text-xs text-muted" datetime={m().createdAt}>{messageTime(m().createdAt)}</time>
            </div>
          </Show>
          <Show
            when={editing()}
            fallback={
              <Show when={m().content}>
                <div class={`whitespace-pre-wrap break-words leading-[22px] ${m().deleted ? "text-sm italic text-muted" : ""}`} data-testid="message-content">
                  <Show when={!m().deleted} fallback={m().content}>
                    <Markdown source={m().content} nameOf={people.nameOf} everyone={m().mentionEveryone} />
                  </Show>
                  <Show when={edited()}><span class="mx-1 text-[10px] text-muted">(edited)</span></Show>
                </div>
              </Show>
            }
          >
            {(draft) => (
              <form class="mt-1 grid gap-1" onSubmit={save}>
                <input
                  name="content"
                  class="field"
                  aria-label="Edit message"
                  value={draft().text}
                  ref={(el) => queueMicrotask(() => (el.focus(), el.select()))}
                  onKeyDown={(e) => {
                    if (e.key === "Escape") (e.preventDefault(), e.stopPropagation(), stopEditing());
                  }}
                />
                <span class="text-[11px] text-muted">escape to cancel • enter to save</span>
              </form>
            )}
          </Show>
          {/* the text first, then its file, as in Discord; the file stays in view while its text is edited */}
          <Show when={m().fileUrl} keyed>{(url) => <Attachment url={url} />}</Show>
          <Show when={!m().deleted && m().embeds.length > 0}>
            <Suspense><MessageEmbeds embeds={m().embeds} /></Suspense>
          </Show>
          <Show when={settled()}>
            <MessageReactions reactions={m().reactions} onToggle={react} onAdd={setPicker} />
          </Show>
          <Switch>
            <Match when={error()}><p class="form-error" role="alert">{error()}</p></Match>
            <Match when={slow()}><p role="status" class="text-sm font-medium text-amber-600 dark:text-amber-400">{slow()}</p></Match>
            <Match when={m().status === "waiting"}>
              <p class="text-xs text-muted">Waiting to send…</p>
            </Match>
            <Match when={m().status === "failed"}>
              <p class="flex flex-wrap items-center gap-2 text-sm text-danger" role="alert">
                Not sent: {m().error}
                <button type="button" class="font-semibold underline" onClick={() => chat.retry(m().nonce!)}>Retry</button>
                <button type="button" class="text-muted underline" onClick={() => chat.discard(m().nonce!)}>Discard</button>
              </p>
            </Match>
          </Switch>
        </div>
      </div>
      <Show when={settled() && !editing()}>
        <MessageToolbar
          open={!!picker()}
          onReact={setPicker}
          onReply={() => chat.replyTo(m().id)}
          onEdit={canEdit() ? startEditing : undefined}
          onPin={canPin() ? pin : undefined}
          pinned={m().pinned}
          onDelete={canDelete() ? () => modal.open("deleteMessage", { confirm: () => chat.remove(m().id) }) : undefined}
        />
      </Show>
      <Suspense>
        <Show when={picker()} keyed>
          {(anchor) => <EmojiPopover anchor={anchor} onPick={(emoji) => (setPicker(undefined), void react(emoji))} onClose={() => setPicker(undefined)} />}
        </Show>
      </Suspense>
    </li>
  );
}
