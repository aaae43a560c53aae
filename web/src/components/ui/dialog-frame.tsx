// The one dialog frame: Kobalte's dialog (focus trap, Escape, a click outside, aria-labelledby), open while it is
// mounted, over a dark overlay. Closing it in any of those ways calls `close`; the caller gives the content, and
// either a title for screen readers only or its own Dialog.Title in the content.
import { Dialog } from "@kobalte/core/dialog";
import { Show, type JSX } from "solid-js";

export function DialogFrame(props: {
  close: () => void;
  /** the overlay's classes: its position, layer and darkness */
  overlay: string;
  /** the classes of a fixed box that places the content (centred, near the top); none: the content places itself */
  place?: string;
  class: string;
  label?: string;
  /** the dialog's name, read out but not shown */
  hiddenTitle?: string;
  children: JSX.Element;
}) {
  const content = () => (
    <Dialog.Content class={props.class} aria-label={props.label}>
      <Show when={props.hiddenTitle}>
        <Dialog.Title class="sr-only">{props.hiddenTitle}</Dialog.Title>
      </Show>
      {props.children}
    </Dialog.Content>
  );
  return (
    <Dialog open onOpenChange={(open) => !open && props.close()}>
      <Dialog.Portal>
        <Dialog.Overlay class={props.overlay} />
        {props.place ? <div class={props.place}>{content()}</div> : content()}
      </Dialog.Portal>
    </Dialog>
  );
}
