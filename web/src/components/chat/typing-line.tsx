// Under the composer, as Discord: "Grace is typing…", "Grace and Alan are typing…", "Several people are typing…".
import { Show } from "solid-js";
import { useChat } from "../../state/chat-context";

export function typingText(names: string[]): string {
  if (names.length === 0) return "";
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]} are typing…`;
  return "Several people are typing…";
}

export function TypingLine() {
  const [chat] = useChat();
  const text = () => typingText(Object.values(chat.typing).filter(Boolean).map((t) => t.name));
  return (
    <div class="h-6 shrink-0 truncate px-4 text-xs text-muted" aria-live="polite">
      <Show when={text()}>
        <span class="mr-1 inline-flex gap-0.5 align-middle" aria-hidden="true">
          <span class="size-1 animate-bounce rounded-full bg-muted" />
          <span class="size-1 animate-bounce rounded-full bg-muted [animation-delay:150ms]" />
          <span class="size-1 animate-bounce rounded-full bg-muted [animation-delay:300ms]" />
        </span>
        <strong class="font-semibold">{text()}</strong>
      </Show>
    </div>
  );
}
