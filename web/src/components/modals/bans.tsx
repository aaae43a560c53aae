// Bans (ADMIN): the "Ban" modal with an optional reason, and the list of bans with Unban for server settings.
import { createSignal, For, Show } from "solid-js";
import type { Ban } from "../../../../contract/types";
import { BAN_REASON_MAX } from "../../../../contract/limits";
import { banProfile, unbanProfile } from "../../lib/api";
import { pending } from "../../lib/forms";
import { useModal, type ModalProps } from "../../state/modal-context";
import { banned, createBansQuery, unbanned } from "../../state/queries";
import { Avatar } from "../ui/avatar";
import { TextField } from "../ui/field";
import { ModalFooter, ModalShell } from "./modal-shell";

export function BanMember(props: ModalProps<"banMember">) {
  const modal = useModal();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal("");
  const name = () => props.data.member.profile.name;
  // back to the members list the ban was chosen from
  const back = () => (props.data.from === "members" ? modal.open("members", { serverId: props.data.serverId }) : props.close());

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const reason = String(new FormData(e.currentTarget as HTMLFormElement).get("reason") ?? "").trim();
    return pending(setBusy, setError, async () => {
      await banProfile(props.data.serverId, props.data.member.profileId, reason || undefined);
      await banned(props.data.serverId);
      back();
    });
  };

  return (
    <ModalShell title={`Ban ${name()}`} close={back} description={<>
      <strong class="text-fg">{name()}</strong> will be removed from the server and cannot join again, even with an invite, until unbanned.
    </>}>
      <form onSubmit={submit} novalidate>
        <div class="grid gap-3 px-6 pt-4">
          <TextField label="Reason (optional)" name="reason" maxLength={BAN_REASON_MAX} autocomplete="off" autofocus />
          <p class="form-error" role="alert">{error()}</p>
        </div>
        <ModalFooter>
          <button type="button" class="btn-ghost" onClick={back}>Cancel</button>
          <button type="submit" class="btn-danger" disabled={busy()}>Ban</button>
        </ModalFooter>
      </form>
    </ModalShell>
  );
}

/** The bans of a server, newest first, each with Unban. */
export function BansList(props: { serverId: string }) {
  const bans = createBansQuery(() => props.serverId);
  const [busy, setBusy] = createSignal<string | null>(null);
  const [error, setError] = createSignal("");
  const unban = (ban: Ban) =>
    pending((on) => setBusy(on ? ban.profile.id : null), setError, async () => {
      await unbanProfile(props.serverId, ban.profile.id);
      unbanned(props.serverId, ban.profile.id);
    });

  return (
    <section class="grid gap-2" aria-labelledby="bans-title">
      <h3 id="bans-title" class="label">Bans</h3>
      <Show when={!bans.isPending} fallback={<p class="text-sm text-muted">Loading bans…</p>}>
        <Show when={!bans.error} fallback={<p class="form-error" role="alert">{bans.error?.message}</p>}>
          <Show when={bans.data?.length} fallback={<p class="text-sm text-muted">No one is banned from this server.</p>}>
            <ul class="grid max-h-48 gap-1 overflow-y-auto" aria-label="Banned people">
              <For each={bans.data}>
                {(ban) => (
                  <li class="flex items-center gap-3 py-1">
                    <Avatar name={ban.profile.name} src={ban.profile.imageUrl} size={32} />
                    <div class="min-w-0 flex-1">
                      <p class="truncate font-semibold">{ban.profile.name}</p>
                      <p class="truncate text-xs text-muted" title={ban.reason ?? undefined}>
                        {ban.reason ? `Reason: ${ban.reason}` : "No reason given"} · {new Date(ban.createdAt).toLocaleDateString()}
                      </p>
                    </div>
                    <button type="button" class="btn-ghost border border-line px-3 py-1" aria-label={`Unban ${ban.profile.name}`}
                      disabled={busy() === ban.profile.id} onClick={() => unban(ban)}>
                      Unban
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Show>
      </Show>
      <Show when={error()}><p class="form-error" role="alert">{error()}</p></Show>
    </section>
  );
}
