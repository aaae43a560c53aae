// A server's image: pick a picture, it is uploaded at once and shown, and its url becomes the value; it can be
// changed or removed.
import { createSignal, onCleanup, Show } from "solid-js";
import ImagePlus from "lucide-solid/icons/image-plus";
import X from "lucide-solid/icons/x";
import { imageFormats } from "../../../../contract/files";
import { MAX_UPLOAD_BYTES } from "../../../../contract/limits";
import { upload } from "../../lib/api";
import { ACCEPT_IMAGES, fileProblem } from "../../lib/files";

export function ImageField(props: {
  value: string | null;
  onChange: (url: string | null) => void;
  onBusy: (busy: boolean) => void;
}) {
  const [local, setLocal] = createSignal<string | null>(null); // an object URL of the picked file
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal("");
  let input!: HTMLInputElement;
  const preview = () => local() ?? props.value;

  const forgetLocal = () => {
    const url = local();
    if (url) URL.revokeObjectURL(url);
    setLocal(null);
  };
  onCleanup(forgetLocal);

  const working = (on: boolean) => (setBusy(on), props.onBusy(on));

  async function choose(file: File | undefined) {
    input.value = "";
    if (!file) return;
    const problem = fileProblem(file, true);
    if (problem) return setError(problem);
    setError("");
    forgetLocal();
    setLocal(URL.createObjectURL(file));
    working(true);
    try {
      props.onChange((await upload(file)).url);
    } catch (e) {
      forgetLocal();
      setError((e as Error).message); // the worker's own words
    } finally {
      working(false);
    }
  }

  function remove() {
    forgetLocal();
    setError("");
    props.onChange(null);
  }

  return (
    <div class="grid justify-items-center gap-2">
      <div class="relative">
        <button
          type="button"
          class={`grid size-20 place-items-center overflow-hidden rounded-full border-2 text-muted ${preview() ? "border-transparent" : "border-dashed border-muted"} outline-none transition-colors hover:border-brand hover:text-fg focus-visible:ring-2 focus-visible:ring-brand disabled:opacity-60`}
          aria-label={preview() ? "Change the server image" : "Upload a server image"}
          title={preview() ? "Change the image" : "Upload an image"}
          disabled={busy()}
          onClick={() => input.click()}
        >
          <Show when={preview()} fallback={<span class="grid justify-items-center gap-0.5 text-[10px] font-bold uppercase"><ImagePlus size={24} />Upload</span>}>
            {(src) => <img src={src()} alt="Server image" class={`size-full object-cover ${busy() ? "animate-pulse" : ""}`} />}
          </Show>
        </button>
        <Show when={preview() && !busy()}>
          <button type="button" class="absolute -right-1 -top-1 rounded-full bg-danger p-1 text-white shadow outline-none hover:bg-red-700 focus-visible:ring-2 focus-visible:ring-brand" aria-label="Remove the image" title="Remove the image" onClick={remove}>
            <X size={14} />
          </button>
        </Show>
      </div>
      <input ref={input} type="file" class="hidden" accept={ACCEPT_IMAGES} aria-label="Server image file" onChange={(e) => choose(e.currentTarget.files?.[0])} />
      <p class="text-center text-xs text-muted" aria-live="polite">
        {busy() ? "Uploading…" : `${imageFormats("or")}, at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB`}
      </p>
      <Show when={error()}><p class="form-error text-center" role="alert">{error()}</p></Show>
    </div>
  );
}
