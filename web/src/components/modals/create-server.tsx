// Create a server: a name and, if wanted, an uploaded image (anyone signed in may upload, so the picture goes up
// when it is picked, before the server exists).
import { createSignal } from "solid-js";
import { useNavigate } from "@solidjs/router";
import { NewServer } from "../../../../contract/schemas";
import { createServer } from "../../lib/api";
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

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const values = formValues(e.currentTarget as HTMLFormElement);
    const parsed = check(NewServer, { name: values.name, imageUrl: imageUrl() ?? undefined });
    if (!parsed.ok) return setErrors(parsed.errors);
    await pending(setBusy, formFailed(setErrors), async () => {
      const view = await createServer(parsed.value);
      storeServerView(view);
      navigate(`/servers/${view.id}`);
      props.close();
    });
  }

  return (
    <ModalShell title="Customize your server" description="Give your new server a personality with a name and an image. You can always change them later." close={props.close}>
      <form onSubmit={submit} novalidate>
        <div class="grid gap-4 px-6 pt-4">
          <ImageField value={imageUrl()} onChange={setImageUrl} onBusy={setUploading} />
          <TextField label="Server name" name="name" placeholder="Enter server name" maxLength={100} error={errors().name} autofocus />
          <p class="form-error" role="alert">{errors().form ?? errors().imageUrl}</p>
        </div>
        <ModalFooter>
          <button type="submit" class="btn-primary" disabled={busy() || uploading()}>{uploading() ? "Uploading…" : "Create"}</button>
        </ModalFooter>
      </form>
    </ModalShell>
  );
}
