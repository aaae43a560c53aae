// The reaction chips under a message: emoji and count, ours highlighted; a click adds ours or takes it back.
import { Index, Show } from "solid-js";
import FaceSlightlySmilingPlus from "lucide-solid/icons/face-slightly-smiling-plus";
import type { Reaction } from "../../../../contract/types";

const label = (r: Reaction) =>
  `${r.emoji}, ${r.count} ${r.count === 1 ? "reaction" : "reactions"}${r.me ? ", including yours: press to remove it" : ": press to react"}`;

export function MessageReactions(props: { reactions: Reaction[]; onToggle: (emoji: string) => void; onAdd: (anchor: HTMLElement) => void }) {
  return (
    <Show when={props.reactions.length}>
      <div class="mt-1 flex flex-wrap items-center gap-1" role="group" aria-label="Reactions">
        {/* by position, so a new count updates the chip in place rather than drawing a new one */}
        <Index each={props.reactions}>
          {(r) => (
            <button
              type="button"
              class={`flex h-6 items-center gap-1.5 rounded-lg border px-1.5 text-sm transition-colors ${
                r().me ? "border-brand bg-brand/15" : "border-transparent bg-raised hover:border-line"
              }`}
              aria-pressed={r().me}
              aria-label={label(r())}
              data-testid="reaction"
              onClick={() => props.onToggle(r().emoji)}
            >
              <span>{r().emoji}</span>
              <span class={`min-w-[9px] text-xs font-semibold ${r().me ? "text-brand" : "text-muted"}`} data-testid="reaction-count">{r().count}</span>
            </button>
          )}
        </Index>
        <button
          type="button"
          class="icon-btn h-6 rounded-lg bg-raised opacity-0 group-hover:opacity-100 focus-visible:opacity-100"
          aria-label="Add another reaction"
          title="Add reaction"
          onClick={(e) => props.onAdd(e.currentTarget)}
        >
          <FaceSlightlySmilingPlus size={16} />
        </button>
      </div>
    </Show>
  );
}
