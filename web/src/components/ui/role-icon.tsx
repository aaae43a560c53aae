// The icon Discord-like clients put next to a moderator's or an admin's name.
import { Show } from "solid-js";
import ShieldAlert from "lucide-solid/icons/shield-alert";
import ShieldCheck from "lucide-solid/icons/shield-check";
import type { Role } from "../../../../contract/types";

export function RoleIcon(props: { role: Role; size?: number }) {
  return (
    <Show when={props.role !== "GUEST"}>
      <Show
        when={props.role === "ADMIN"}
        fallback={<ShieldCheck size={props.size ?? 16} class="shrink-0 text-indigo-500" aria-label="Moderator" role="img" />}
      >
        <ShieldAlert size={props.size ?? 16} class="shrink-0 text-rose-500" aria-label="Admin" role="img" />
      </Show>
    </Show>
  );
}

export const roleLabel = { ADMIN: "Admin", MODERATOR: "Moderator", GUEST: "Guest" } as const;
