// On a phone: the server rail and the sidebar slide in from the left, as a modal drawer.
import type { JSX } from "solid-js";
import { ServerRail } from "./server/server-rail";
import { DialogFrame } from "./ui/dialog-frame";

export default function MobileDrawer(props: { close: () => void; children: JSX.Element }) {
  return (
    <DialogFrame
      close={props.close}
      overlay="fixed inset-0 z-30 bg-black/60 md:hidden"
      class="fixed inset-y-0 left-0 z-30 flex max-w-[90vw] outline-none md:hidden"
      label="Navigation"
      hiddenTitle="Navigation"
    >
      <ServerRail />
      {props.children}
    </DialogFrame>
  );
}
