// What every form modal shares: the dialog frame with a title, a close button and, if given, a description.
import { Dialog } from "@kobalte/core/dialog";
import { Show, type JSX } from "solid-js";
import X from "lucide-solid/icons/x";
import { DialogFrame } from "../ui/dialog-frame";

export function ModalShell(props: { title: string; description?: JSX.Element; close: () => void; children: JSX.Element; wide?: boolean }) {
  return (
    <DialogFrame
      close={props.close}
      overlay="fixed inset-0 z-40 bg-black/70"
      place="fixed inset-0 z-50 grid place-items-center p-4"
      class={`w-full ${props.wide ? "max-w-lg" : "max-w-md"} overflow-hidden rounded-lg bg-surface text-fg shadow-2xl outline-none`}
    >
      <div class="flex items-start justify-between gap-4 px-6 pt-6">
        <Dialog.Title class="text-xl font-bold">{props.title}</Dialog.Title>
        <Dialog.CloseButton class="icon-btn -mr-2 -mt-1" aria-label="Close">
          <X size={20} />
        </Dialog.CloseButton>
      </div>
      <Show when={props.description}>
        <Dialog.Description class="px-6 pt-2 text-sm text-muted">{props.description}</Dialog.Description>
      </Show>
      {props.children}
    </DialogFrame>
  );
}

/** The grey strip of buttons at the bottom of a modal. */
export function ModalFooter(props: { children: JSX.Element }) {
  return <div class="mt-6 flex justify-end gap-2 bg-raised px-6 py-4">{props.children}</div>;
}
