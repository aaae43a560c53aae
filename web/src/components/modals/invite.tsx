// Invite people: the invite link to copy, when it expires and how many uses it has left, and Discord's choices
// for a new link (expire after, max uses); generating one replaces the link (the old one stops working).
import { createSignal, For, Show } from "solid-js";
import Check from "lucide-solid/icons/check";
import Copy from "lucide-solid/icons/copy";
import RefreshCw from "lucide-solid/icons/refresh-cw";
import type { Server } from "../../../../contract/types";
import { newInviteCode } from "../../lib/api";
import { expiresText, inviteLink } from "../../lib/format";
import { pending } from "../../lib/forms";
import type { ModalProps } from "../../state/modal-context";
import { createServerQuery, mergeServer } from "../../state/queries";
import { ModalShell } from "./modal-shell";

const HOUR = 3600;
const EXPIRE_CHOICES = [
  { label: "30 minutes", seconds: 30 * 60 },
  { label: "1 hour", seconds: HOUR },
  { label: "6 hours", seconds: 6 * HOUR },
  { label: "12 hours", seconds: 12 * HOUR },
  { label: "1 day", seconds: 24 * HOUR },
  { label: "7 days", seconds: 7 * 24 * HOUR },
  { label: "Never", seconds: 0 },
];
const USES_CHOICES = [0, 1, 5, 10, 25, 50, 100];
const usesLabel = (n: number) => (n === 0 ? "No limit" : `${n} ${n === 1 ? "use" : "uses"}`);

async function copyText(text: string, field: HTMLInputElement) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // no clipboard API outside a secure context: fall back to the selection
    field.select();
    document.execCommand("copy");
  }
}

/** "This link never expires. No limit on uses." / "This link expires in 6 hours (…). 4 of 5 uses left." */
function linkState(server: Server): string {
  const expiry = server.inviteExpiresAt ? `This link ${expiresText(server.inviteExpiresAt)}.` : "This link never expires.";
  const max = server.inviteMaxUses ?? 0;
  const used = server.inviteUses ?? 0;
  const uses = max > 0 ? `${Math.max(0, max - used)} of ${max} uses left.` : `No limit on uses${used ? ` (used ${used} ${used === 1 ? "time" : "times"})` : ""}.`;
  return `${expiry} ${uses}`;
}

const selectClass = "field text-base font-normal normal-case tracking-normal";

export default function InviteModal(props: ModalProps<"invite">) {
  // the server's room keeps this fresh (uses counted as people join); the modal's own data until it loads
  const query = createServerQuery(() => props.data.server.id);
  const [fresh, setFresh] = createSignal<Server | null>(null);
  // the link just generated, until the cache (pushed by the room, so with the uses counted) has that code too
  const server = (): Server => {
    const made = fresh();
    return made && query.data?.inviteCode !== made.inviteCode ? made : query.data ?? props.data.server;
  };
  const [maxAge, setMaxAge] = createSignal(0);
  const [maxUses, setMaxUses] = createSignal(USES_CHOICES.includes(props.data.server.inviteMaxUses) ? props.data.server.inviteMaxUses : 0);
  const [copied, setCopied] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal("");
  let field!: HTMLInputElement;

  async function copy() {
    await copyText(inviteLink(server().inviteCode), field);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  }

  const regenerate = () =>
    pending(setBusy, setError, async () => {
      const updated = await newInviteCode(props.data.server.id, { maxAgeSeconds: maxAge(), maxUses: maxUses() });
      setFresh(updated);
      mergeServer(updated);
    });

  return (
    <ModalShell title={`Invite friends to ${props.data.server.name}`} close={props.close}>
      <div class="grid gap-2 px-6 pb-6 pt-4">
        <label class="label" for="invite-link">Server invite link</label>
        <div class="flex gap-2">
          <input id="invite-link" ref={field} class="field" readOnly value={inviteLink(server().inviteCode)} onFocus={(e) => e.currentTarget.select()} aria-describedby="invite-state" />
          <button type="button" class="btn-primary shrink-0" onClick={copy} disabled={busy()} aria-label={copied() ? "Copied" : "Copy invite link"}>
            <Show when={copied()} fallback={<Copy size={16} />}><Check size={16} /></Show>
            {copied() ? "Copied" : "Copy"}
          </button>
        </div>
        <p id="invite-state" class="text-xs text-muted" data-testid="invite-state">{linkState(server())}</p>
        <div class="mt-2 grid grid-cols-2 gap-3">
          <label class="label">
            Expire after
            <select class={selectClass} value={String(maxAge())} onChange={(e) => setMaxAge(Number(e.currentTarget.value))}>
              <For each={EXPIRE_CHOICES}>{(c) => <option value={String(c.seconds)}>{c.label}</option>}</For>
            </select>
          </label>
          <label class="label">
            Max number of uses
            <select class={selectClass} value={String(maxUses())} onChange={(e) => setMaxUses(Number(e.currentTarget.value))}>
              <For each={USES_CHOICES}>{(n) => <option value={String(n)}>{usesLabel(n)}</option>}</For>
            </select>
          </label>
        </div>
        <button type="button" class="btn-ghost justify-self-start px-0 text-xs text-muted" onClick={regenerate} disabled={busy()}>
          Generate a new link <RefreshCw size={14} class={busy() ? "animate-spin" : ""} />
        </button>
        <p class="form-error" role="alert">{error()}</p>
      </div>
    </ModalShell>
  );
}
