// Manage members (ADMIN): change a member's role, kick or ban them; not yourself and not the owner.
import { createSignal, For, Show } from "solid-js";
import { DropdownMenu } from "@kobalte/core/dropdown-menu";
import BanIcon from "lucide-solid/icons/ban";
import Check from "lucide-solid/icons/check";
import EllipsisVertical from "lucide-solid/icons/ellipsis-vertical";
import Gavel from "lucide-solid/icons/gavel";
import LoaderCircle from "lucide-solid/icons/loader-circle";
import ShieldQuestion from "lucide-solid/icons/shield-question-mark";
import type { Member, Role } from "../../../../contract/types";
import { changeRole, kickMember } from "../../lib/api";
import { useMe } from "../../state/me-context";
import { useModal, type ModalProps } from "../../state/modal-context";
import { createServerQuery, storeServerView } from "../../state/queries";
import { Avatar } from "../ui/avatar";
import { RoleIcon, roleLabel } from "../ui/role-icon";
import { ModalShell } from "./modal-shell";
import { pending } from "../../lib/forms";

const roles: Role[] = ["GUEST", "MODERATOR", "ADMIN"];
const itemClass = "flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-brand data-[highlighted]:text-white";

export default function MembersModal(props: ModalProps<"members">) {
  const me = useMe();
  const modal = useModal();
  const server = createServerQuery(() => props.data.serverId);
  const [busy, setBusy] = createSignal<string | null>(null);
  const [error, setError] = createSignal("");

  const run = (member: Member, work: () => Promise<Parameters<typeof storeServerView>[0]>) =>
    pending((on) => setBusy(on ? member.id : null), setError, async () => storeServerView(await work()));

  return (
    <ModalShell title="Manage members" description={`${server.data?.members.length ?? 0} members`} close={props.close} wide>
      <ul class="grid max-h-[420px] gap-1 overflow-y-auto px-6 py-4" aria-label="Members">
        <For each={server.data?.members}>
          {(member) => (
            <li class="flex items-center gap-3 py-1">
              <Avatar name={member.profile.name} src={member.profile.imageUrl} size={36} />
              <div class="min-w-0 flex-1">
                <div class="flex items-center gap-1 font-semibold">
                  <span class="truncate">{member.profile.name}</span>
                  <RoleIcon role={member.role} size={14} />
                </div>
                <div class="text-xs text-muted">{roleLabel[member.role]}{member.profileId === server.data?.profileId ? " · Owner" : ""}</div>
              </div>
              <Show when={busy() === member.id}>
                <LoaderCircle size={16} class="animate-spin text-muted" aria-label="Saving" />
              </Show>
              <Show when={member.profileId !== me().id && member.profileId !== server.data?.profileId && busy() !== member.id}>
                <DropdownMenu>
                  <DropdownMenu.Trigger class="icon-btn" aria-label={`Actions for ${member.profile.name}`}>
                    <EllipsisVertical size={18} />
                  </DropdownMenu.Trigger>
                  <DropdownMenu.Portal>
                    <DropdownMenu.Content class="z-50 min-w-44 rounded-md bg-raised p-1.5 text-fg shadow-xl outline-none">
                      <DropdownMenu.Sub overlap gutter={4}>
                        <DropdownMenu.SubTrigger class={itemClass}>
                          <ShieldQuestion size={16} /> Role
                        </DropdownMenu.SubTrigger>
                        <DropdownMenu.Portal>
                          <DropdownMenu.SubContent class="z-50 min-w-40 rounded-md bg-raised p-1.5 text-fg shadow-xl outline-none">
                            <For each={roles}>
                              {(role) => (
                                <DropdownMenu.Item class={itemClass} onSelect={() => member.role !== role && run(member, () => changeRole(props.data.serverId, member.id, role))}>
                                  <RoleIcon role={role} size={14} /> {roleLabel[role]}
                                  <Show when={member.role === role}><Check size={14} class="ml-auto" aria-label="current" /></Show>
                                </DropdownMenu.Item>
                              )}
                            </For>
                          </DropdownMenu.SubContent>
                        </DropdownMenu.Portal>
                      </DropdownMenu.Sub>
                      <DropdownMenu.Separator class="my-1 border-line" />
                      <DropdownMenu.Item class={`${itemClass} text-danger`} onSelect={() => run(member, () => kickMember(props.data.serverId, member.id))}>
                        <Gavel size={16} /> Kick
                      </DropdownMenu.Item>
                      <DropdownMenu.Item class={`${itemClass} text-danger`} onSelect={() => modal.open("banMember", { serverId: props.data.serverId, member, from: "members" })}>
                        <BanIcon size={16} /> Ban
                      </DropdownMenu.Item>
                    </DropdownMenu.Content>
                  </DropdownMenu.Portal>
                </DropdownMenu>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <p class="form-error px-6 pb-4" role="alert">{error()}</p>
    </ModalShell>
  );
}
