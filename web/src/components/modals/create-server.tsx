// Create a server: a name and, if wanted, an uploaded image.
import { createSignal, Show } from "solid-js";
import { useNavigate } from "@solidjs/router";
import { NewServer } from "../../../../contract/schemas";
import { createServer, updateServer, upload } from "../../lib/api";
import { check, formFailed, formValues, pending, type FieldErrors } from "../../lib/forms";
import { storeServerView } from "../../state/queries";
import { TextField } from "../ui/field";
import { ImageField } from "./image-field";
import { ModalFooter, ModalShell } from "./modal-shell";
import type { ModalProps } from "../../state/modal-context";

export default function CreateServerModal(props: ModalProps<"createServer">) {
  const navigate = useNavigate();
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [busy, setBusy] = createSignal(false);
  const [imageUrl, setImageUrl] = createSignal<string | null>(null);
  const [uploading, setUploading] = createSignal(false);
  const [created, setCreated] = createSignal(false);
  // someone in no server may not upload yet: their picture goes up right after the server is made
  let later: File | null = null;

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (created()) return props.close();
    const values = formValues(e.currentTarget as HTMLFormElement);
    const parsed = check(NewServer, { name: values.name, imageUrl: imageUrl() ?? undefined });
    if (!parsed.ok) return setErrors(parsed.errors);
    await pending(setBusy, formFailed(setErrors), async () => {
      let view = await createServer(parsed.value);
      let imageError = "";
      if (later) {
        try {
          view = { ...view, ...(await updateServer(view.id, { imageUrl: (await upload(later)).url })) };
        } catch (err) {
          imageError = (err as Error).message;
        }
      }
      storeServerView(view);
      navigate(`/servers/${view.id}`);
      if (!imageError) return props.close();
      // the server exists: say so, rather than offer to create it a second time
      setCreated(true);
      setErrors({ form: `The server was created, but its image could not be saved: ${imageError}. You can add it in Server Settings.` });
    });
  }

  return (
    <ModalShell title="Customize your server" description="Give your new server a personality with a name and an image. You can always change them later." close={props.close}>
      <form onSubmit={submit} novalidate>
        <div class="grid gap-4 px-6 pt-4">
          <ImageField value={imageUrl()} onChange={setImageUrl} onBusy={setUploading} onLater={(file) => (later = file)} />
          <TextField label="Server name" name="name" placeholder="Enter server name" maxLength={100} error={errors().name} autofocus />
          <p class="form-error" role="alert">{errors().form ?? errors().imageUrl}</p>
        </div>
        <ModalFooter>
          <Show when={!created()} fallback={<button type="submit" class="btn-primary">Close</button>}>
            <button type="submit" class="btn-primary" disabled={busy() || uploading()}>{uploading() ? "Uploading…" : "Create"}</button>
          </Show>
        </ModalFooter>
      </form>
    </ModalShell>
  );
}
