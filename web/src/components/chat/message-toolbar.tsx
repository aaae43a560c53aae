// The actions that float over a message's top right corner while it is hovered or has the focus, as in Discord.
import { Show } from "solid-js";
import FaceSlightlySmilingPlus from "lucide-solid/icons/face-slightly-smiling-plus";
import Pencil from "lucide-solid/icons/pencil";
import Pin from "lucide-solid/icons/pin";
import PinOff from "lucide-solid/icons/pin-off";
import Reply from "lucide-solid/icons/reply";
import Trash from "lucide-solid/icons/trash";

export function MessageToolbar(props: {
  /** keep it shown (the emoji picker it opened is open) */
  open: boolean;
  onReact?: (anchor: HTMLElement) => void;
  onReply?: () => void;
  onEdit?: () => void;
  /** pin, or with `pinned`, unpin */
  onPin?: () => void;
  pinned?: boolean;
  onDelete?: () => void;
}) {
  return (
    <div
      class={`absolute -top-4 right-4 z-10 flex items-center rounded-md border border-line bg-surface shadow-sm focus-within:opacity-100 group-hover:opacity-100 ${props.open ? "opacity-100" : "opacity-0"}`}
    >
      <Show when={props.onReact}>
        <button type="button" class="icon-btn" aria-label="Add reaction" title="Add reaction" onClick={(e) => props.onReact!(e.currentTarget)}>
          <FaceSlightlySmilingPlus size={18} />
        </button>
      </Show>
      <Show when={props.onReply}>
        <button type="button" class="icon-btn" aria-label="Reply" title="Reply (R, with the pointer over the message)" onClick={() => props.onReply!()}>
          <Reply size={18} />
        </button>
      </Show>
      <Show when={props.onEdit}>
        <button type="button" class="icon-btn" aria-label="Edit message" title="Edit" onClick={() => props.onEdit!()}>
          <Pencil size={16} />
        </button>
      </Show>
      <Show when={props.onPin}>
        <button type="button" class="icon-btn" aria-label={props.pinned ? "Unpin message" : "Pin message"} title={props.pinned ? "Unpin" : "Pin"} onClick={() => props.onPin!()}>
          <Show when={props.pinned} fallback={<Pin size={16} />}><PinOff size={16} /></Show>
        </button>
      </Show>
      <Show when={props.onDelete}>
        <button type="button" class="icon-btn hover:text-danger" aria-label="Delete message" title="Delete" onClick={() => props.onDelete!()}>
          <Trash size={16} />
        </button>
      </Show>
    </div>
  );
}
