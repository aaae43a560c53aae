// The emoji picker (emoji-picker-element), in a Kobalte popover; its code and its data load on first open.
import { Popover } from "@kobalte/core/popover";
import { onCleanup, onMount } from "solid-js";
import "emoji-picker-element";
import dataSource from "emoji-picker-element-data/en/emojibase/data.json?url";
import { theme } from "../../lib/theme";

export default function EmojiPopover(props: { anchor: HTMLElement; onPick: (emoji: string) => void; onClose: () => void }) {
  let host!: HTMLDivElement;
  onMount(() => {
    const picker = document.createElement("emoji-picker");
    picker.setAttribute("data-source", dataSource);
    picker.classList.add(theme() === "dark" ? "dark" : "light");
    const onPick = (e: Event) => {
      const unicode = (e as CustomEvent<{ unicode?: string }>).detail.unicode;
      if (unicode) props.onPick(unicode);
    };
    picker.addEventListener("emoji-click", onPick);
    host.appendChild(picker);
    onCleanup(() => picker.removeEventListener("emoji-click", onPick));
  });
  return (
    <Popover open anchorRef={() => props.anchor} placement="top-end" gutter={8} onOpenChange={(open) => !open && props.onClose()}>
      <Popover.Portal>
        <Popover.Content
          class="z-50 rounded-lg shadow-2xl outline-none"
          aria-label="Emoji picker"
          // a press on the emoji button is left to the button, which toggles the picker shut
          onInteractOutside={(e) => props.anchor.contains(e.target as Node) && e.preventDefault()}
        >
          <div ref={host} />
        </Popover.Content>
      </Popover.Portal>
    </Popover>
  );
}
