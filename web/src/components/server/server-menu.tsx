// The menu under the server's name: what your role lets you do. Loaded on demand (see server-header).
import { createSignal, For, onMount, Show } from "solid-js";
import { DropdownMenu } from "@kobalte/core/dropdown-menu";
import ChevronDown from "lucide-solid/icons/chevron-down";
import CirclePlus from "lucide-solid/icons/circle-plus";
import LogOut from "lucide-solid/icons/log-out";
import ScrollText from "lucide-solid/icons/scroll-text";
import Settings from "lucide-solid/icons/settings";
import Trash from "lucide-solid/icons/trash";
import UserPlus from "lucide-solid/icons/user-plus";
import Users from "lucide-solid/icons/users";
import type { Member, ServerView } from "../../../../contract/types";
import { useModal } from "../../state/modal-context";
import { canModerate, isAdmin } from "../../state/queries";
import { askPermission, ownLevel, setLevel } from "../../state/notifications";
import type { NotificationLevel } from "../../../../contract/types";
import { headerButton } from "./header-button";

export interface ServerMenuProps {
  server: ServerView;
  self: Member | undefined;
  isOwner: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** told the menu's trigger once it is on the page */
  onReady?: (trigger: HTMLElement) => void;
}

const item = "flex cursor-pointer items-center justify-between gap-4 rounded px-2 py-2 text-sm font-medium outline-none data-[highlighted]:bg-brand data-[highlighted]:text-white";

const levels: { level: NotificationLevel; label: string }[] = [
  { level: "all", label: "All Messages" },
  { level: "mentions", label: "Only @mentions" },
  { level: "none", label: "Nothing" },
];

export default function ServerMenu(props: ServerMenuProps) {
  const modal = useModal();
  // the whole server's level, which its channels without one of their own take
  const [level, setShown] = createSignal<NotificationLevel>(ownLevel(props.server.id) ?? "mentions");
  const choose = (next: string) => {
    setShown(next as NotificationLevel);
    void setLevel(props.server.id, next as NotificationLevel).then(
      () => void (next !== "none" && askPermission()),
      () => setShown(ownLevel(props.server.id) ?? "mentions"),
    );
  };
  let trigger: HTMLButtonElement | undefined;
  onMount(() => trigger && props.onReady?.(trigger));
  return (
    <DropdownMenu open={props.open} onOpenChange={props.onOpenChange}>
      <DropdownMenu.Trigger ref={trigger} class={headerButton}>
        <span class="truncate">{props.server.name}</span>
        <DropdownMenu.Icon><ChevronDown size={18} /></DropdownMenu.Icon>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content class="z-50 w-56 rounded-md bg-raised p-1.5 text-fg shadow-xl outline-none">
          <Show when={canModerate(props.self)}>
            <DropdownMenu.Item class={`${item} text-indigo-500 dark:text-indigo-400`} onSelect={() => modal.open("invite", { server: props.server })}>
              Invite People <UserPlus size={16} />
            </DropdownMenu.Item>
          </Show>
          <Show when={isAdmin(props.self)}>
            <DropdownMenu.Item class={item} onSelect={() => modal.open("editServer", { server: props.server })}>
              Server Settings <Settings size={16} />
            </DropdownMenu.Item>
            <DropdownMenu.Item class={item} onSelect={() => modal.open("members", { serverId: props.server.id })}>
              Manage Members <Users size={16} />
            </DropdownMenu.Item>
            <DropdownMenu.Item class={item} onSelect={() => modal.open("auditLog", { serverId: props.server.id })}>
              Audit Log <ScrollText size={16} />
            </DropdownMenu.Item>
          </Show>
          <Show when={canModerate(props.self)}>
            <DropdownMenu.Item class={item} onSelect={() => modal.open("createChannel", { serverId: props.server.id })}>
              Create Channel <CirclePlus size={16} />
            </DropdownMenu.Item>
            <DropdownMenu.Separator class="my-1 border-line" />
          </Show>
          {/* only the owner may delete a server (the worker refuses anyone else): another ADMIN sees the item, disabled, with the reason */}
          <Show when={isAdmin(props.self)}>
            <DropdownMenu.Item
              class={`${item} text-danger data-[disabled]:cursor-not-allowed data-[disabled]:opacity-50`}
              disabled={!props.isOwner}
              title={props.isOwner ? undefined : "Only the server's owner can delete it"}
              onSelect={() => modal.open("deleteServer", { server: props.server })}
            >
              Delete Server <Trash size={16} />
            </DropdownMenu.Item>
          </Show>
          <DropdownMenu.Separator class="my-1 border-line" />
          <DropdownMenu.Group>
            <DropdownMenu.GroupLabel class="px-2 pt-1 text-xs font-semibold uppercase text-muted">Notifications</DropdownMenu.GroupLabel>
            <DropdownMenu.RadioGroup value={level()} onChange={choose}>
              <For each={levels}>
                {(l) => (
                  <DropdownMenu.RadioItem value={l.level} class={item} closeOnSelect>
                    {l.label}
                    <DropdownMenu.ItemIndicator>●</DropdownMenu.ItemIndicator>
                  </DropdownMenu.RadioItem>
                )}
              </For>
            </DropdownMenu.RadioGroup>
          </DropdownMenu.Group>
          <Show when={!props.isOwner}>
            <DropdownMenu.Item class={`${item} text-danger`} onSelect={() => modal.open("leaveServer", { server: props.server })}>
              Leave Server <LogOut size={16} />
            </DropdownMenu.Item>
          </Show>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu>
  );
}
