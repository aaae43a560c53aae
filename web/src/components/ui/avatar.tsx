// A round picture, or the initials on a colour of its own when there is no picture.
import { Show } from "solid-js";
import { colorFor, initials } from "../../lib/format";

export function Avatar(props: { name: string; src?: string | null; size?: number; class?: string }) {
  const size = () => props.size ?? 40;
  return (
    <Show
      when={props.src}
      fallback={
        <span
          aria-hidden="true"
          class={`inline-grid shrink-0 select-none place-items-center rounded-full font-semibold text-white ${props.class ?? ""}`}
          style={{ width: `${size()}px`, height: `${size()}px`, "font-size": `${Math.round(size() * 0.4)}px`, background: colorFor(props.name) }}
        >
          {initials(props.name)}
        </span>
      }
    >
      <img src={props.src!} alt="" width={size()} height={size()} class={`shrink-0 rounded-full object-cover ${props.class ?? ""}`} style={{ width: `${size()}px`, height: `${size()}px` }} />
    </Show>
  );
}
