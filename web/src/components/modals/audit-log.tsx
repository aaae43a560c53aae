// The audit log (ADMIN): who did what to whom in the server, and why, newest first; older entries on demand.
import { createSignal, For, onMount, Show } from "solid-js";
import type { AuditAction, AuditEntry } from "../../../../contract/types";
import { listAuditLog } from "../../lib/api";
import type { ModalProps } from "../../state/modal-context";
import { Avatar } from "../ui/avatar";
import { ModalShell } from "./modal-shell";

const who = (t: string | null) => t ?? "someone no longer here";
const said: Record<AuditAction, (target: string | null) => string> = {
  "member.kick": (t) => `kicked ${who(t)}`,
  "member.ban": (t) => `banned ${who(t)}`,
  "member.unban": (t) => `unbanned ${who(t)}`,
  "member.role": (t) => `changed the role of ${who(t)}`,
  "channel.create": (t) => (t ? `created the channel #${t}` : "created a channel since deleted"),
  "channel.update": (t) => (t ? `changed the channel #${t}` : "changed a channel since deleted"),
  "channel.delete": () => "deleted a channel",
  "server.update": () => "changed the server's settings",
  "invite.renew": () => "made a new invite link",
  "message.pin": () => "pinned a message",
  "message.unpin": () => "unpinned a message",
  "message.delete": () => "deleted someone's message",
};

export const describeEntry = (e: AuditEntry) => (said[e.action] ?? (() => e.action))(e.targetName);

export default function AuditLogModal(props: ModalProps<"auditLog">) {
  // a plain list, not a cached query: the log is read fresh each time the page opens
  const [entries, setEntries] = createSignal<AuditEntry[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [loading, setLoading] = createSignal(true);
  const [error, setError] = createSignal("");
  const more = async (from: string | null) => {
    setLoading(true);
    try {
      const page = await listAuditLog(props.data.serverId, from);
      setEntries((l) => [...l, ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
  };
  onMount(() => void more(null));

  return (
    <ModalShell title="Audit log" description="What members with a role did in this server, newest first." close={props.close} wide>
      <div class="max-h-[420px] overflow-y-auto px-6 py-4">
        <Show when={!loading() || entries().length} fallback={<p class="text-sm text-muted">Loading the audit log…</p>}>
          <Show when={!error()} fallback={<p class="form-error" role="alert">{error()}</p>}>
            <Show when={entries().length} fallback={<p class="text-sm text-muted">Nothing has happened here yet.</p>}>
              <ul class="grid gap-2" aria-label="Audit log entries">
                <For each={entries()}>
                  {(entry) => (
                    <li class="flex items-start gap-3 py-1">
                      <Avatar name={entry.actor.name} src={entry.actor.imageUrl} size={32} />
                      <div class="min-w-0 flex-1 text-sm">
                        <p><strong>{entry.actor.name}</strong> {describeEntry(entry)}</p>
                        <p class="text-xs text-muted">
                          {new Date(entry.createdAt).toLocaleString()}
                          <Show when={entry.reason}> · Reason: {entry.reason}</Show>
                        </p>
                      </div>
                    </li>
                  )}
                </For>
              </ul>
              <Show when={cursor()}>
                <button type="button" class="btn-ghost mt-3 border border-line px-3 py-1" disabled={loading()} onClick={() => more(cursor())}>
                  {loading() ? "Loading…" : "Show older entries"}
                </button>
              </Show>
            </Show>
          </Show>
        </Show>
      </div>
    </ModalShell>
  );
}
