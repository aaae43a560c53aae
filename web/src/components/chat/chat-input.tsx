// Writing a message: Enter sends, Shift+Enter breaks the line; an emoji picker, and a file attached in a modal.
// When the server says "slow down", a countdown above the field; what was sent meanwhile waits and goes out after.
import { createEffect, createSignal, lazy, onCleanup, Show, Suspense } from "solid-js";
import CirclePlus from "lucide-solid/icons/circle-plus";
import FaceSlightlySmiling from "lucide-solid/icons/face-slightly-smiling";
import { MESSAGE_MAX } from "../../../../contract/limits";
import { useChat } from "../../state/chat-context";
import { useModal } from "../../state/modal-context";

const EmojiPopover = lazy(() => import("./emoji-popover"));
// the attachment modal's code is fetched on intent, so it opens without a wait
const preloadFileModal = () => void import("../modals/message-file").catch(() => undefined);

/** "Slow down: you can send again in 3 s", counting down while the chat's wait lasts. */
function SlowDownNotice(props: { until: number | null }) {
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
      <Show when={left() > 0}><span class="block pb-1">Slow down: you can send again in {left()} s</span></Show>
    </p>
  );
}

export function ChatInput(props: { placeholder: string; disabled?: boolean }) {
  const [chat, actions] = useChat();
  const [text, setText] = createSignal("");
  const [error, setError] = createSignal("");
  const [picking, setPicking] = createSignal(false);
  const modal = useModal();
  let field!: HTMLTextAreaElement;
  let emojiButton!: HTMLButtonElement;

  const grow = () => {
    field.style.height = "auto";
    field.style.height = `${Math.min(field.scrollHeight, 200)}px`;
  };

  function submit(e?: Event) {
    e?.preventDefault();
    const content = text().trim();
    if (!content) return void actions.sendWaiting(); // Enter again: what waits goes now if it may
    if ([...content].length > MESSAGE_MAX) return setError(`A message can be at most ${MESSAGE_MAX} characters (this one has ${[...content].length})`);
    setError("");
    setText("");
    queueMicrotask(grow);
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
        setError("");
        setText("");
        queueMicrotask(grow);
        void actions.send(content, fileUrl);
      },
    });
  }

  return (
    <form class="shrink-0 px-4 pb-6" onSubmit={submit}>
      <SlowDownNotice until={chat.slowUntil} />
      <Show when={error()}><p class="form-error pb-1" role="alert">{error()}</p></Show>
      <div class="flex items-end gap-2 rounded-lg bg-field px-3 py-2.5">
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
          onInput={(e) => (setText(e.currentTarget.value), grow())}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.isComposing) submit(e);
          }}
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
