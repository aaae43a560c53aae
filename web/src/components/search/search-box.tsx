// The search box in a chat's header (Ctrl+F): words and the filters from:, in: and has:file, with completion of
// the filter being typed, as Discord's. Enter searches; the results open in the panel beside the chat.
import { createMemo, createSignal, For, onCleanup, Show } from "solid-js";
import Search from "lucide-solid/icons/search";
import X from "lucide-solid/icons/x";
import { closeSearch, runSearch, searchResults } from "../../state/message-search";
import type { SearchPlace } from "../../state/message-search";
import { completeFilter, FILTERS, filterAtEnd } from "../../lib/search-query";
import type { FilterKind } from "../../lib/search-query";

interface Option { id: string; label: string; apply: () => void }

export function SearchBox(props: { place: SearchPlace }) {
  let input!: HTMLInputElement;
  const [text, setText] = createSignal(searchResults()?.text ?? "");
  const [focused, setFocused] = createSignal(false);
  const [active, setActive] = createSignal(0);

  const choose = (kind: FilterKind, value: string) => {
    setText(completeFilter(text(), kind, value));
    setActive(0);
    input.focus();
  };
  const options = createMemo<Option[]>(() => {
    const typing = filterAtEnd(text());
    const starts = (s: string) => s.toLowerCase().startsWith(typing?.partial.toLowerCase() ?? "");
    if (typing?.kind === "from")
      return props.place.members.filter((m) => starts(m.profile.name)).slice(0, 8).map((m) => ({ id: m.id, label: m.profile.name, apply: () => choose("from", m.profile.name) }));
    if (typing?.kind === "in")
      return props.place.channels.filter((c) => c.type === "TEXT" && starts(c.name)).slice(0, 8).map((c) => ({ id: c.id, label: `#${c.name}`, apply: () => choose("in", c.name) }));
    if (typing?.kind === "has") return starts("file") ? [{ id: "file", label: "file", apply: () => choose("has", "file") }] : [];
    if (text().trim()) return [];
    // an empty box offers the filters themselves (a conversation has no channels)
    return FILTERS.filter((f) => f.kind !== "in" || props.place.scope.serverId).map((f) => ({
      id: f.kind, label: `${f.kind}: ${f.hint}`, apply: () => (setText(`${text()}${f.kind}:`), input.focus()),
    }));
  });
  const open = () => focused() && options().length > 0;

  const search = () => {
    if (!text().trim()) return;
    runSearch(text().trim(), props.place);
  };
  function onKeyDown(e: KeyboardEvent) {
    const n = options().length;
    if (e.key === "ArrowDown" && open()) setActive((i) => (i + 1) % n);
    else if (e.key === "ArrowUp" && open()) setActive((i) => (i - 1 + n) % n);
    else if ((e.key === "Enter" || e.key === "Tab") && open() && filterAtEnd(text())) options()[active()]?.apply();
    else if (e.key === "Enter") search();
    else if (e.key === "Escape") input.blur();
    else return;
    e.preventDefault();
  }

  // Ctrl/⌘+F: this box, not the browser's find (which cannot see messages that are not loaded)
  const onGlobalKey = (e: KeyboardEvent) => {
    if (!((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "f")) return;
    e.preventDefault();
    input.focus();
    input.select();
  };
  document.addEventListener("keydown", onGlobalKey);
  onCleanup(() => document.removeEventListener("keydown", onGlobalKey));

  return (
    <div class="relative hidden sm:block">
      <div class={`flex items-center rounded bg-rail px-1.5 transition-all ${focused() || text() ? "w-60" : "w-36"}`}>
        <input
          ref={input}
          type="search"
          class="h-6 w-full bg-transparent px-1 text-sm outline-none placeholder:text-muted"
          placeholder="Search"
          aria-label="Search messages"
          role="combobox"
          aria-expanded={open()}
          aria-controls="search-options"
          aria-autocomplete="list"
          value={text()}
          onInput={(e) => (setText(e.currentTarget.value), setActive(0))}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
          onKeyDown={onKeyDown}
        />
        <Show when={text() || searchResults()} fallback={<Search size={16} class="text-muted" aria-hidden="true" />}>
          <button type="button" class="icon-btn p-0" aria-label="Clear search" onClick={() => (setText(""), closeSearch())}>
            <X size={16} />
          </button>
        </Show>
      </div>
      <Show when={open()}>
        <ul id="search-options" role="listbox" aria-label="Search options" class="absolute right-0 top-8 z-30 w-72 rounded-md bg-raised p-2 shadow-xl">
          <li role="presentation" class="px-2 pb-1 text-xs font-bold uppercase text-muted">{filterAtEnd(text()) ? "Choose" : "Search options"}</li>
          <For each={options()}>
            {(o, i) => (
              <li
                role="option"
                aria-selected={i() === active()}
                class={`cursor-pointer rounded px-2 py-1.5 text-sm ${i() === active() ? "bg-hover" : ""}`}
                // before the input's blur, so the click lands
                onMouseDown={(e) => (e.preventDefault(), o.apply())}
                onMouseMove={() => setActive(i())}
              >
                {o.label}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}
