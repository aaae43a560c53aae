// Invite people: the invite link to copy, and a button that replaces it (the old link stops working).
import { createSignal, Show } from "solid-js";
import Check from "lucide-solid/icons/check";
import Copy from "lucide-solid/icons/copy";
import RefreshCw from "lucide-solid/icons/refresh-cw";
import type { ServerView } from "../../../../contract/types";
import { newInviteCode } from "../../lib/api";
import { inviteLink } from "../../lib/format";
import { queryClient } from "../../state/query-client";
import { keys } from "../../state/queries";
import { ModalShell } from "./modal-shell";
import type { ModalProps } from "./modal-provider";
import { pending } from "../../lib/forms";

async function copyText(text: string, field: HTMLInputElement) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // no clipboard API outside a secure context: fall back to the selection
    field.select();
    document.execCommand("copy");
  }
}

export default function InviteModal(props: ModalProps<"invite">) {
  const [code, setCode] = createSignal(props.data.server.inviteCode);
  const [copied, setCopied] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal("");
  let field!: HTMLInputElement;

  async function copy() {
    await copyText(inviteLink(code()), field);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  }

  const regenerate = () =>
    pending(setBusy, setError, async () => {
      const server = await newInviteCode(props.data.server.id);
      setCode(server.inviteCode);
      queryClient.setQueryData<ServerView>(keys.server(server.id), (old) => (old ? { ...old, ...server } : old));
    });

  return (
    <ModalShell title={`Invite friends to ${props.data.server.name}`} close={props.close}>
      <div class="grid gap-2 px-6 pb-6 pt-4">
        <label class="label" for="invite-link">Server invite link</label>
        <div class="flex gap-2">
          <input id="invite-link" ref={field} class="field" readOnly value={inviteLink(code())} onFocus={(e) => e.currentTarget.select()} />
          <button type="button" class="btn-primary shrink-0" onClick={copy} disabled={busy()} aria-label={copied() ? "Copied" : "Copy invite link"}>
            <Show when={copied()} fallback={<Copy size={16} />}><Check size={16} /></Show>
            {copied() ? "Copied" : "Copy"}
          </button>
        </div>
        <button type="button" class="btn-ghost justify-self-start px-0 text-xs text-muted" onClick={regenerate} disabled={busy()}>
          Generate a new link <RefreshCw size={14} class={busy() ? "animate-spin" : ""} />
        </button>
        <p class="form-error" role="alert">{error()}</p>
      </div>
    </ModalShell>
  );
}
