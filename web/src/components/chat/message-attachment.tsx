// The file of a message: an image preview that opens full size, a PDF card with its name, or a plain link.
import { createSignal, Match, Switch } from "solid-js";
import Download from "lucide-solid/icons/download";
import FileText from "lucide-solid/icons/file-text";
import { attachmentName, kindOfUrl } from "../../lib/attachments";
import { useModal } from "../../state/modal-context";

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
export function Attachment(props: { url: string }) {
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
