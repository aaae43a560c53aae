// Server settings (ADMIN): rename it, upload, change or remove its image, see who is banned (with Unban), and the
// way to its audit log.
import { createSignal } from "solid-js";
import { ServerPatch } from "../../../../contract/schemas";
import { updateServer } from "../../lib/api";
import { check, formFailed, formValues, pending, type FieldErrors } from "../../lib/forms";
import { useModal, type ModalProps } from "../../state/modal-context";
import { storeServer } from "../../state/queries";
import { TextField } from "../ui/field";
import { ImageField } from "./image-field";
import { BansList } from "./bans";
import { ModalFooter, ModalShell } from "./modal-shell";

export default function EditServerModal(props: ModalProps<"editServer">) {
  const modal = useModal();
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [busy, setBusy] = createSignal(false);
  const [imageUrl, setImageUrl] = createSignal<string | null>(props.data.server.imageUrl ?? null);
  const [uploading, setUploading] = createSignal(false);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const values = formValues(e.currentTarget as HTMLFormElement);
    const parsed = check(ServerPatch, { name: values.name, imageUrl: imageUrl() });
    if (!parsed.ok) return setErrors(parsed.errors);
    await pending(setBusy, formFailed(setErrors), async () => {
      const server = await updateServer(props.data.server.id, parsed.value);
      storeServer(server);
      props.close();
    });
  }

  return (
    <ModalShell title="Server settings" close={props.close}>
      <form onSubmit={submit} novalidate>
        <div class="grid gap-4 px-6 pt-4">
          <ImageField value={imageUrl()} onChange={setImageUrl} onBusy={setUploading} />
          <TextField label="Server name" name="name" value={props.data.server.name} maxLength={100} error={errors().name} autofocus />
          <p class="form-error" role="alert">{errors().form ?? errors().imageUrl}</p>
          <BansList serverId={props.data.server.id} />
          <button type="button" class="btn-ghost justify-self-start border border-line px-3 py-1" onClick={() => modal.open("auditLog", { serverId: props.data.server.id })}>
            Audit log
          </button>
        </div>
        <ModalFooter>
          <button type="button" class="btn-ghost" onClick={props.close}>Cancel</button>
          <button type="submit" class="btn-primary" disabled={busy() || uploading()}>{uploading() ? "Uploading…" : "Save"}</button>
        </ModalFooter>
      </form>
    </ModalShell>
  );
}
