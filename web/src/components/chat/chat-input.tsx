// Writing a message: Enter sends, Shift+Enter breaks the line; an emoji picker, and a file attached in a modal.
// When the server says "slow down", a countdown above the field; what was sent meanwhile waits and goes out after.
// Above the field, the message being replied to (Esc or X cancels); typing `@` opens the list of members to mention.
import { createEffect, createMemo, createSignal, createUniqueId, lazy, on, onCleanup, Show, Suspense } from "solid-js";
import CircleX from "lucide-solid/icons/circle-x";
import CirclePlus from "lucide-solid/icons/circle-plus";
import FaceSlightlySmiling from "lucide-solid/icons/face-slightly-smiling";
import { MESSAGE_MAX } from "../../../../contract/limits";
import { waitText } from "../../lib/format";
import { encodeMentions, EVERYONE, filterMembers, insertMention, mentionQuery } from "../../lib/mentions";
import { useChat, useChatPeople } from "../../state/chat-context";
import { useModal } from "../../state/modal-context";
import { MentionPicker, optionId, type MentionOption } from "./mention-picker";

const EmojiPopover = lazy(() => import("./emoji-popover"));
// the attachment modal's code is fetched on intent, so it opens without a wait
const preloadFileModal = () => void import("../modals/message-file").catch(() => undefined);

/**
 * "Slow down: you can send again in 3 s", counting down while the chat's wait lasts; in a channel with slowmode (for
 * a GUEST), that it is on, and the countdown after each message.
 */
function SlowDownNotice(props: { until: number | null; slowmode: number }) {
  const [now, setNow] = createSignal(Date.now());
  createEffect(() => {
    if (props.until === null) return;
    setNow(Date.now());
    const tick = setInterval(() => setNow(Date.now()), 250);
    onCleanup(() => clearInterval(tick));
  });
  const left = () => (props.until === null ? 0 : Math.ceil((props.until - now()) / 1000));
  return (
    <p role="status" class="text-sm font-medium text-amber-600 dark:text-amber-400">
      <Show when={left() > 0} fallback={<Show when={props.slowmode > 0}><span class="block pb-1 text-xs text-muted">Slowmode is on: one message every {waitText(props.slowmode)}</span></Show>}>
        <span class="block pb-1">{props.slowmode > 0 ? "Slowmode is on" : "Slow down"}: you can send again in {left() >= 60 ? waitText(left()) : `${left()} s`}</span>
      </Show>
    </p>
  );
}

// the same people again (a refreshed member list) keep their rows, and the row under the pointer its hover
const sameOptions = (a: MentionOption[], b: MentionOption[]) =>
  a.length === b.length && a.every((o, i) => o.name === b[i].name && o.member?.id === b[i].member?.id);

/** The `@` list of a composer: what is typed after the `@`, the options that fit it, the one the keyboard is on. */
function createMentions(text: () => string, field: () => HTMLTextAreaElement) {
  const people = useChatPeople();
  const [query, setQuery] = createSignal<{ start: number; query: string } | null>(null);
  const [active, setActive] = createSignal(0);
  /** Esc closes the list until another `@` is typed */
  let dismissed: number | null = null;
  const options = createMemo((): MentionOption[] => {
    const q = query();
    if (!q) return [];
    const members = filterMembers(people.mentionable().map((m) => ({ id: m.id, name: m.profile.name, member: m })), q.query);
    const everyone = people.mayMentionEveryone() && EVERYONE.startsWith(q.query.toLowerCase()) ? [{ name: EVERYONE }] : [];
    return [...members, ...everyone];
  }, [], { equals: sameOptions });
  // back to the first option when the query changes (not when the member list is merely refreshed)
  createEffect(on(() => query()?.query, () => setActive(0)));
  const current = () => Math.min(active(), Math.max(0, options().length - 1));
  return {
    options,
    active: current,
    setActive,
    open: () => options().length > 0,
    /** reads the `@…` before the caret again, after typing or moving the caret */
    update() {
      const found = mentionQuery(text(), field().selectionStart ?? text().length);
      if (found?.start !== dismissed) dismissed = null;
      setQuery(found && found.start !== dismissed ? found : null);
    },
    dismiss() {
      dismissed = query()?.start ?? null;
      setQuery(null);
    },
    move: (by: number) => setActive((current() + by + options().length) % options().length),
    close: () => setQuery(null),
    query,
  };
}

export function ChatInput(props: { placeholder: string; disabled?: boolean }) {
  const [chat, actions] = useChat();
  const [text, setText] = createSignal("");
  const [error, setError] = createSignal("");
  const [picking, setPicking] = createSignal(false);
  const modal = useModal();
  const listId = `mentions-${createUniqueId()}`;
  let field!: HTMLTextAreaElement;
  let emojiButton!: HTMLButtonElement;
  /** the names picked from the `@` list for this draft, and the member each stands for */
  let picked = new Map<string, string>();
  const mentions = createMentions(text, () => field);
  const replying = () => chat.messages.find((m) => m.id === chat.replyingTo);
  // answering a message: the field is where the answer goes
  createEffect(on(() => chat.replyingTo, (id) => id && field.focus()));

  /** The draft as it is sent: `@Name` from the list becomes `<@memberId>`; the draft then starts again. */
  const outgoing = (typed: string) => encodeMentions(typed, picked);
  const cleared = () => {
    setError("");
    setText("");
    picked = new Map();
    mentions.close();
    queueMicrotask(grow);
  };

  function pick(option: MentionOption) {
    const q = mentions.query();
    if (!q) return;
    if (option.member) picked.set(option.name, option.member.id);
    const next = insertMention(text(), q.start, field.selectionStart ?? text().length, option.name);
    setText(next.text);
    mentions.close();
    queueMicrotask(() => (field.focus(), field.setSelectionRange(next.caret, next.caret), grow()));
  }

  function onKeyDown(e: KeyboardEvent) {
    if (mentions.open()) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") return (e.preventDefault(), mentions.move(e.key === "ArrowDown" ? 1 : -1));
      if ((e.key === "Enter" && !e.shiftKey) || e.key === "Tab") return (e.preventDefault(), pick(mentions.options()[mentions.active()]));
      if (e.key === "Escape") return (e.preventDefault(), e.stopPropagation(), mentions.dismiss());
    }
    if (e.key === "Escape" && chat.replyingTo) return (e.preventDefault(), actions.replyTo(null));
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) submit(e);
  }

  const grow = () => {
    field.style.height = "auto";
    field.style.height = `${Math.min(field.scrollHeight, 200)}px`;
  };

  function submit(e?: Event) {
    e?.preventDefault();
    const content = outgoing(text().trim());
    if (!content) return void actions.sendWaiting(); // Enter again: what waits goes now if it may
    if ([...content].length > MESSAGE_MAX) return setError(`A message can be at most ${MESSAGE_MAX} characters (this one has ${[...content].length})`);
    cleared();
    void actions.send(content);
  }

  function insert(emoji: string) {
    const start = field.selectionStart ?? text().length;
    const end = field.selectionEnd ?? start;
    setText((t) => t.slice(0, start) + emoji + t.slice(end));
    queueMicrotask(() => {
      field.focus();
      field.setSelectionRange(start + emoji.length, start + emoji.length);
      grow();
    });
  }

  // the modal uploads the file, then sends through this chat's store; what was typed goes along as its text
  function attach() {
    modal.open("messageFile", {
      draft: text().trim(),
      send: (content, fileUrl) => {
        const sent = outgoing(content);
        cleared();
        void actions.send(sent, fileUrl);
      },
    });
  }

  return (
    <form class="shrink-0 px-4" onSubmit={submit}>
      <SlowDownNotice until={chat.slowUntil} slowmode={actions.slowmode()} />
      <Show when={error()}><p class="form-error pb-1" role="alert">{error()}</p></Show>
      <Show when={replying()}>
        {(m) => (
          <div class="flex items-center gap-2 rounded-t-lg bg-raised px-4 py-2 text-sm text-muted" data-testid="reply-bar">
            <span class="min-w-0 flex-1 truncate">Replying to <strong class="font-semibold text-fg">{m().member.profile.name}</strong></span>
            <button type="button" class="icon-btn p-0.5" aria-label="Cancel reply" title="Cancel reply (Esc)" onClick={() => actions.replyTo(null)}>
              <CircleX size={18} />
            </button>
          </div>
        )}
      </Show>
      <div class={`relative flex items-end gap-2 bg-field px-3 py-2.5 ${replying() ? "rounded-b-lg" : "rounded-lg"}`}>
        <Show when={mentions.open()}>
          <MentionPicker id={listId} options={mentions.options()} active={mentions.active()} onActive={mentions.setActive} onPick={pick} />
        </Show>
        <button type="button" class="icon-btn" aria-label="Attach a file" title="Attach a file (image or PDF)" disabled={props.disabled}
          onClick={attach} onPointerEnter={preloadFileModal} onFocus={preloadFileModal}>
          <CirclePlus size={22} />
        </button>
        <textarea
          ref={field}
          rows={1}
          class="max-h-[200px] min-h-6 flex-1 resize-none self-center bg-transparent leading-6 outline-none placeholder:text-muted"
          placeholder={props.placeholder}
          aria-label={props.placeholder}
          value={text()}
          disabled={props.disabled || chat.loading}
          aria-autocomplete="list"
          aria-controls={mentions.open() ? listId : undefined}
          aria-activedescendant={mentions.open() ? optionId(listId, mentions.active()) : undefined}
          onInput={(e) => (setText(e.currentTarget.value), grow(), mentions.update(), actions.typed(e.currentTarget.value))}
          onKeyDown={onKeyDown}
          // the caret moved without typing: the `@…` before it may be another one, or none
          onKeyUp={(e) => ["ArrowLeft", "ArrowRight", "Home", "End"].includes(e.key) && mentions.update()}
          onClick={() => mentions.update()}
          onBlur={() => mentions.close()}
        />
        <button ref={emojiButton} type="button" class="icon-btn" aria-label="Choose an emoji" aria-expanded={picking()} onClick={() => setPicking((p) => !p)}>
          <FaceSlightlySmiling size={22} />
        </button>
      </div>
      <Suspense>
        <Show when={picking()}>
          <EmojiPopover anchor={emojiButton} onPick={insert} onClose={() => setPicking(false)} />
        </Show>
      </Suspense>
    </form>
  );
}
