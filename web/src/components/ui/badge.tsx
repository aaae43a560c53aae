// The red count Discord puts on a channel, a server and a conversation with mentions waiting.
import { Show } from "solid-js";

export function MentionBadge(props: { count: number; label: string; class?: string }) {
  return (
    <Show when={props.count > 0}>
      <span
        class={`grid h-4 min-w-4 place-items-center rounded-full bg-danger px-1 text-[11px] font-bold leading-none text-white ${props.class ?? ""}`}
        role="status"
        aria-label={props.label}
        data-testid="mention-badge"
      >
        {props.count >= 100 ? "99+" : props.count}
      </span>
    </Show>
  );
}

/** The dot on an avatar: green while the person has the server open somewhere, grey otherwise. */
export function PresenceDot(props: { online: boolean; name: string }) {
  return (
    <span
      class={`absolute -bottom-0.5 -right-0.5 size-3.5 rounded-full border-[3px] border-sidebar ${props.online ? "bg-ok" : "bg-muted"}`}
      role="img"
      aria-label={`${props.name} is ${props.online ? "online" : "offline"}`}
      data-presence={props.online ? "online" : "offline"}
    />
  );
}
