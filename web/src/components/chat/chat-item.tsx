// One message: avatar, name, role, time, "(edited)", its file, and for those allowed, edit in place and delete.
import { createSignal, For, Match, Show, Switch } from "solid-js";
import Download from "lucide-solid/icons/download";
import FileText from "lucide-solid/icons/file-text";
import Pencil from "lucide-solid/icons/pencil";
import Trash from "lucide-solid/icons/trash";
import type { Member } from "../../../../contract/types";
import { MESSAGE_MAX } from "../../../../contract/limits";
import { attachmentName, kindOfUrl } from "../../lib/attachments";
import { messageTime } from "../../lib/format";
import { useChat } from "../../state/chat-context";
import type { ChatMessage } from "../../state/chat-store";
import { useModal } from "../../state/modal-context";
import { canModerate } from "../../state/queries";
import { Avatar } from "../ui/avatar";
import { RoleIcon } from "../ui/role-icon";

// web addresses in a message become links, as in Discord; everything else stays plain text
const URL_PATTERN = /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]}'])/g;
function Linkified(props: { text: string }) {
  return (
    <For each={props.text.split(URL_PATTERN)}>
      {(part, i) => (i() % 2 === 1 ? <a href={part} target="_blank" rel="noopener noreferrer nofollow" class="text-sky-500 hover:underline">{part}</a> : part)}
    </For>
  );
}

// A PDF: its name (from the file's Content-Disposition) and a link that downloads it.
function PdfCard(props: { url: string }) {
  const [name, setName] = createSignal<string>();
  void attachmentName(props.url).then(setName);
  return (
    <div class="mt-1 flex w-full max-w-sm items-center gap-3 rounded-md border border-line bg-raised p-3" data-testid="file-card">
      <FileText size={36} class="shrink-0 text-brand" aria-hidden="true" />
      <div class="min-w-0 flex-1">
        <p class="truncate font-medium" title={name()}>{name() ?? "…"}</p>
        <p class="text-xs text-muted">PDF document</p>
      </div>
      <a href={props.url} download={name() ?? ""} class="icon-btn" aria-label={`Download ${name() ?? "the PDF"}`} title="Download">
        <Download size={20} />
      </a>
    </div>
  );
}

// The file of a message, by the extension of the url the worker issued: an image preview that opens full size,
// a PDF card, or (for an image that fails to load, or anything else) a plain link.
function Attachment(props: { url: string }) {
  const modal = useModal();
  const [broken, setBroken] = createSignal(false);
  const open = (e: MouseEvent) => {
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return; // modified clicks keep the browser's own new tab or window
    e.preventDefault();
    modal.open("viewImage", { url: props.url });
  };
  return (
    <Switch fallback={
      <a href={props.url} target="_blank" rel="noopener noreferrer" class="mt-1 inline-flex items-center gap-2 rounded-md bg-raised p-3 text-brand hover:underline">
        <FileText size={24} /> Open the attached file
      </a>
    }>
      <Match when={kindOfUrl(props.url) === "image" && !broken()}>
        <a href={props.url} target="_blank" rel="noopener noreferrer" class="mt-1 block w-fit" title="Open full size" onClick={open}>
          <img src={props.url} alt="Attached image" class="max-h-72 max-w-full rounded-md border border-line object-contain" loading="lazy" onError={() => setBroken(true)} />
        </a>
      </Match>
      <Match when={kindOfUrl(props.url) === "pdf"}>
        <PdfCard url={props.url} />
      </Match>
    </Switch>
  );
}

export function ChatItem(props: { message: ChatMessage; self: Member | undefined }) {
  const [, chat] = useChat();
  const modal = useModal();
  const [editing, setEditing] = createSignal(false);
  const [error, setError] = createSignal("");
  const m = () => props.message;
  const mine = () => !!props.self && m().memberId === props.self.id;
  const settled = () => !m().status && !m().deleted;
  // a message with a file keeps its file; what can be edited is its text (added, when it had none)
  const canEdit = () => settled() && mine();
  const canDelete = () => settled() && (mine() || canModerate(props.self));
  const edited = () => !m().deleted && !m().status && m().updatedAt !== m().createdAt;

  async function save(e: SubmitEvent) {
    e.preventDefault();
    const content = String(new FormData(e.currentTarget as HTMLFormElement).get("content") ?? "").trim();
    if (!content) {
      if (m().fileUrl && !m().content) return setEditing(false); // nothing typed, nothing there before: no change
      return setError(m().fileUrl ? "The text cannot be removed from a file; delete the message instead" : "A message cannot be empty; delete it instead");
    }
    if ([...content].length > MESSAGE_MAX) return setError(`A message can be at most ${MESSAGE_MAX} characters`);
    setError("");
    setEditing(false);
    if (content === m().content) return;
    try {
      await chat.edit(m().id, content);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <li
      class={`group relative flex gap-4 px-4 py-2 hover:bg-hover/50 ${m().status === "sending" || m().status === "waiting" ? "opacity-60" : ""}`}
      data-message-id={m().id}
    >
      <Avatar name={m().member.profile.name} src={m().member.profile.imageUrl} size={40} class="mt-0.5" />
      <div class="min-w-0 flex-1">
        <div class="flex flex-wrap items-center gap-x-2">
          <span class="font-semibold">{m().member.profile.name}</span>
          <Show when={m().member.left} fallback={<RoleIcon role={m().member.role} size={14} />}>
            <span class="text-xs text-muted" data-testid="left-mark">left the server</span>
          </Show>
          <time class="text-xs text-muted" datetime={m().createdAt}>{messageTime(m().createdAt)}</time>
        </div>
        <Show
          when={editing()}
          fallback={
            <Show when={m().content}>
              <p class={`whitespace-pre-wrap break-words ${m().deleted ? "text-sm italic text-muted" : ""}`} data-testid="message-content">
                <Show when={!m().deleted} fallback={m().content}><Linkified text={m().content} /></Show>
                <Show when={edited()}><span class="mx-1 text-[10px] text-muted">(edited)</span></Show>
              </p>
            </Show>
          }
        >
          <form class="mt-1 grid gap-1" onSubmit={save}>
            <input
              name="content"
              class="field"
              aria-label="Edit message"
              value={m().content}
              ref={(el) => queueMicrotask(() => (el.focus(), el.select()))}
              onKeyDown={(e) => {
                if (e.key === "Escape") (e.preventDefault(), e.stopPropagation(), setEditing(false), setError(""));
              }}
            />
            <span class="text-[11px] text-muted">escape to cancel • enter to save</span>
          </form>
        </Show>
        {/* the text first, then its file, as in Discord; the file stays in view while its text is edited */}
        <Show when={m().fileUrl} keyed>
          {(url) => <Attachment url={url} />}
        </Show>
        <Switch>
          <Match when={error()}><p class="form-error" role="alert">{error()}</p></Match>
          <Match when={m().status === "waiting"}>
            <p class="text-xs text-muted">Waiting to send…</p>
          </Match>
          <Match when={m().status === "failed"}>
            <p class="flex flex-wrap items-center gap-2 text-sm text-danger" role="alert">
              Not sent: {m().error}
              <button type="button" class="font-semibold underline" onClick={() => chat.retry(m().nonce!)}>Retry</button>
              <button type="button" class="text-muted underline" onClick={() => chat.discard(m().nonce!)}>Discard</button>
            </p>
          </Match>
        </Switch>
      </div>
      <Show when={(canEdit() || canDelete()) && !editing()}>
        <div class="absolute -top-3 right-4 flex items-center rounded-md border border-line bg-surface opacity-0 shadow-sm focus-within:opacity-100 group-hover:opacity-100">
          <Show when={canEdit()}>
            <button type="button" class="icon-btn" aria-label="Edit message" title="Edit" onClick={() => setEditing(true)}>
              <Pencil size={16} />
            </button>
          </Show>
          <Show when={canDelete()}>
            <button type="button" class="icon-btn hover:text-danger" aria-label="Delete message" title="Delete" onClick={() => modal.open("deleteMessage", { confirm: () => chat.remove(m().id) })}>
              <Trash size={16} />
            </button>
          </Show>
        </div>
      </Show>
    </li>
  );
}
