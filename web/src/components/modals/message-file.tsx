// Attach a file to a message: pick (or drop) an image or a PDF, see it, add a line of text, and send. The file is
// uploaded first; the message then goes through the chat's own send, optimistic and live like any other.
import { createSignal, onCleanup, Show } from "solid-js";
import FileText from "lucide-solid/icons/file-text";
import Upload from "lucide-solid/icons/upload";
import { imageFormats } from "../../../../contract/files";
import { MAX_UPLOAD_BYTES, MESSAGE_MAX } from "../../../../contract/limits";
import { upload } from "../../lib/api";
import { ACCEPT_FILES, fileProblem, formatSize, kindOfFile } from "../../lib/files";
import { TextField } from "../ui/field";
import { ModalFooter, ModalShell } from "./modal-shell";
import type { ModalProps } from "../../state/modal-context";
import { pending } from "../../lib/forms";

export default function MessageFileModal(props: ModalProps<"messageFile">) {
  const [file, setFile] = createSignal<File | null>(null);
  const [preview, setPreview] = createSignal<string | null>(null);
  const [error, setError] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const [dragging, setDragging] = createSignal(false);
  let input!: HTMLInputElement;

  const forgetPreview = () => {
    const url = preview();
    if (url) URL.revokeObjectURL(url);
    setPreview(null);
  };
  onCleanup(forgetPreview);

  function choose(picked: File | undefined) {
    if (!picked) return;
    forgetPreview();
    setFile(picked);
    const problem = fileProblem(picked);
    setError(problem ?? "");
    if (!problem && kindOfFile(picked) === "image") setPreview(URL.createObjectURL(picked));
  }

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const picked = file();
    if (!picked) return setError("Choose an image or a PDF to send");
    const problem = fileProblem(picked);
    if (problem) return setError(problem);
    const content = String(new FormData(e.currentTarget as HTMLFormElement).get("content") ?? "").trim();
    if ([...content].length > MESSAGE_MAX) return setError(`A message can be at most ${MESSAGE_MAX} characters (this one has ${[...content].length})`);
    // a refusal is shown in the worker's own words: too large, type refused, not a member…
    await pending(setBusy, setError, async () => {
      const saved = await upload(picked);
      props.data.send(content, saved.url);
      props.close();
    });
  }

  return (
    <ModalShell title="Add an attachment" description={`Send an image (${imageFormats("or")}) or a PDF of at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB.`} close={props.close} wide>
      <form onSubmit={submit} novalidate>
        <div class="grid gap-4 px-6 pt-4">
          <input
            ref={input}
            type="file"
            class="hidden"
            accept={ACCEPT_FILES}
            aria-label="File to attach"
            onChange={(e) => (choose(e.currentTarget.files?.[0]), (e.currentTarget.value = ""))}
          />
          <Show
            when={file()}
            fallback={
              <button
                type="button"
                class={`grid place-items-center gap-2 rounded-lg border-2 border-dashed px-4 py-8 text-sm text-muted outline-none transition-colors hover:border-brand hover:text-fg focus-visible:ring-2 focus-visible:ring-brand ${dragging() ? "border-brand text-fg" : "border-line"}`}
                onClick={() => input.click()}
                onDragOver={(e) => (e.preventDefault(), setDragging(true))}
                onDragLeave={() => setDragging(false)}
                onDrop={(e) => (e.preventDefault(), setDragging(false), choose(e.dataTransfer?.files[0]))}
              >
                <Upload size={32} />
                <span><strong class="text-brand">Choose a file</strong> or drop it here</span>
              </button>
            }
          >
            {(f) => (
              <div class="grid gap-2 rounded-lg bg-raised p-3" data-testid="attachment-preview">
                <Show
                  when={preview()}
                  fallback={
                    <div class="flex items-center gap-3">
                      <FileText size={40} class="shrink-0 text-brand" />
                      <div class="min-w-0">
                        <p class="truncate font-medium" title={f().name}>{f().name}</p>
                        <p class="text-xs text-muted">{kindOfFile(f()) === "pdf" ? "PDF document" : "File"} • {formatSize(f().size)}</p>
                      </div>
                    </div>
                  }
                >
                  {(src) => (
                    <>
                      <img src={src()} alt={`Preview of ${f().name}`} class="mx-auto max-h-64 max-w-full rounded-md object-contain" />
                      <p class="truncate text-xs text-muted" title={f().name}>{f().name} • {formatSize(f().size)}</p>
                    </>
                  )}
                </Show>
                <button type="button" class="justify-self-start text-sm text-brand hover:underline disabled:opacity-60" disabled={busy()} onClick={() => input.click()}>
                  Choose another file
                </button>
              </div>
            )}
          </Show>
          <TextField label="Message (optional)" name="content" value={props.data.draft ?? ""} placeholder="Add a comment" autocomplete="off" />
          <p class="form-error" role="alert">{error()}</p>
        </div>
        <ModalFooter>
          <button type="button" class="btn-ghost" onClick={props.close}>Cancel</button>
          <button type="submit" class="btn-primary" disabled={busy() || !file()}>{busy() ? "Uploading…" : "Send"}</button>
        </ModalFooter>
      </form>
    </ModalShell>
  );
}
