// The list that opens over the composer while an `@name` is typed: members whose name fits, and `@everyone` for
// those whose `@everyone` counts. The composer keeps the keyboard (arrows, Enter, Tab, Esc) and points at the
// active option with aria-activedescendant; a click picks too.
import { For, Show } from "solid-js";
import type { Member } from "../../../../contract/types";
import { EVERYONE } from "../../lib/mentions";
import { Avatar } from "../ui/avatar";

/** One choice: a member, or `@everyone` (no member). */
export interface MentionOption {
  name: string;
  member?: Member;
}

export const optionId = (listId: string, index: number) => `${listId}-${index}`;

export function MentionPicker(props: { id: string; options: MentionOption[]; active: number; onActive: (i: number) => void; onPick: (o: MentionOption) => void }) {
  return (
    <div class="absolute inset-x-0 bottom-full mb-2 overflow-hidden rounded-lg border border-line bg-sidebar shadow-xl">
      <p class="px-3 pb-1 pt-2 text-xs font-bold uppercase tracking-wide text-muted" aria-hidden="true">Members</p>
      <ul id={props.id} role="listbox" aria-label="Members to mention" class="max-h-72 overflow-y-auto p-1">
        <For each={props.options}>
          {(option, i) => (
            <li
              id={optionId(props.id, i())}
              role="option"
              aria-selected={i() === props.active}
              class={`flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 ${i() === props.active ? "bg-hover text-fg" : "text-muted"}`}
              // the composer keeps the focus
              onMouseDown={(e) => e.preventDefault()}
              // only a pointer that really moves picks a row: the list may open, or redraw, under a still one
              onMouseMove={(e) => (e.movementX || e.movementY) && props.onActive(i())}
              onClick={() => props.onPick(option)}
            >
              <Show when={option.member} fallback={<span class="grid size-6 place-items-center rounded-full bg-raised text-sm font-bold">@</span>}>
                {(m) => <Avatar name={m().profile.name} src={m().profile.imageUrl} size={24} />}
              </Show>
              <span class="truncate font-medium text-fg">{option.member ? option.name : `@${EVERYONE}`}</span>
              <Show when={!option.member}><span class="ml-auto text-xs">Notify everyone in this channel</span></Show>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}
