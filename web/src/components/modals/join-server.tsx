// Join a server with an invite link (or just its code).
import { createSignal } from "solid-js";
import { useNavigate } from "@solidjs/router";
import { joinByInvite } from "../../lib/api";
import { inviteCodeFrom } from "../../lib/format";
import { storeServerView } from "../../state/queries";
import { TextField } from "../ui/field";
import { ModalFooter, ModalShell } from "./modal-shell";
import type { ModalProps } from "../../state/modal-context";
import { pending } from "../../lib/forms";

export default function JoinServerModal(props: ModalProps<"joinServer">) {
  const navigate = useNavigate();
  const [error, setError] = createSignal("");
  const [busy, setBusy] = createSignal(false);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const code = inviteCodeFrom(String(new FormData(e.currentTarget as HTMLFormElement).get("invite") ?? ""));
    if (!code) return setError("Paste an invite link, such as " + `${location.origin}/invite/AbC123`);
    await pending(setBusy, setError, async () => {
      const view = await joinByInvite(code);
      storeServerView(view);
      props.close();
      navigate(`/servers/${view.id}`);
    });
  }

  return (
    <ModalShell title="Join a server" description="Enter an invite link to join an existing server." close={props.close}>
      <form onSubmit={submit} novalidate>
        <div class="grid gap-4 px-6 pt-4">
          <TextField label="Invite link" name="invite" placeholder={`${location.origin}/invite/…`} error={error()} autofocus />
        </div>
        <ModalFooter>
          <button type="button" class="btn-ghost" onClick={props.close}>Cancel</button>
          <button type="submit" class="btn-primary" disabled={busy()}>Join Server</button>
        </ModalFooter>
      </form>
    </ModalShell>
  );
}
