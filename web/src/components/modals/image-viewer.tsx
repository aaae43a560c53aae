// An image of a message at full size, over a dark backdrop, as Discord shows it; Escape or a click outside closes it.
import { Dialog } from "@kobalte/core/dialog";
import ExternalLink from "lucide-solid/icons/external-link";
import X from "lucide-solid/icons/x";
import type { ModalProps } from "../../state/modal-context";
import { DialogFrame } from "../ui/dialog-frame";

export default function ImageViewer(props: ModalProps<"viewImage">) {
  return (
    <DialogFrame
      close={props.close}
      overlay="fixed inset-0 z-40 bg-black/85"
      place="fixed inset-0 z-50 grid place-items-center p-4"
      class="relative grid max-h-full max-w-full justify-items-center gap-2 outline-none"
      hiddenTitle="Image"
    >
      <img src={props.data.url} alt="Attached image, full size" class="max-h-[calc(100vh-5rem)] max-w-[calc(100vw-2rem)] rounded-md object-contain shadow-2xl" />
      <div class="flex items-center gap-4 text-sm">
        <a href={props.data.url} target="_blank" rel="noopener noreferrer" class="inline-flex items-center gap-1 text-white/80 hover:text-white hover:underline">
          Open in a new tab <ExternalLink size={14} />
        </a>
        <Dialog.CloseButton class="inline-flex items-center gap-1 text-white/80 hover:text-white">
          <X size={16} /> Close
        </Dialog.CloseButton>
      </div>
    </DialogFrame>
  );
}
