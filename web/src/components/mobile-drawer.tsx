// On a phone: the server rail and the sidebar slide in from the left, as a modal drawer.
import { Dialog } from "@kobalte/core/dialog";
import type { JSX } from "solid-js";
import { ServerRail } from "./server/server-rail";

export default function MobileDrawer(props: { close: () => void; children: JSX.Element }) {
  return (
    <Dialog open onOpenChange={(open) => !open && props.close()}>
      <Dialog.Portal>
        <Dialog.Overlay class="fixed inset-0 z-30 bg-black/60 md:hidden" />
        <Dialog.Content class="fixed inset-y-0 left-0 z-30 flex max-w-[90vw] outline-none md:hidden" aria-label="Navigation">
          <Dialog.Title class="sr-only">Navigation</Dialog.Title>
          <ServerRail />
          {props.children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog>
  );
}
