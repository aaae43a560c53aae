// Create a server: a name and, if wanted, an image address.
import { createSignal } from "solid-js";
import { useNavigate } from "@solidjs/router";
import { NewServer } from "../../../../contract/schemas";
import { createServer } from "../../lib/api";
import { check, formValues, type FieldErrors } from "../../lib/forms";
import { storeServerView } from "../../state/queries";
import { TextField } from "../ui/field";
import { ModalFooter, ModalShell } from "./modal-shell";
import type { ModalProps } from "./modal-provider";

export default function CreateServerModal(props: ModalProps<"createServer">) {
  const navigate = useNavigate();
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [busy, setBusy] = createSignal(false);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const values = formValues(e.currentTarget as HTMLFormElement);
    const parsed = check(NewServer, { name: values.name, imageUrl: values.imageUrl || undefined });
    if (!parsed.ok) return setErrors(parsed.errors);
    setBusy(true);
    setErrors({});
    try {
      const view = await createServer(parsed.value);
      storeServerView(view);
      props.close();
      navigate(`/servers/${view.id}`);
    } catch (err) {
      setErrors({ form: (err as Error).message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <ModalShell title="Customize your server" description="Give your new server a personality with a name and an image. You can always change them later." close={props.close}>
      <form onSubmit={submit} novalidate>
        <div class="grid gap-4 px-6 pt-4">
          <TextField label="Server name" name="name" placeholder="Enter server name" maxLength={100} error={errors().name} autofocus />
          <TextField label="Image URL (optional)" name="imageUrl" type="url" placeholder="https://…" error={errors().imageUrl} />
          <p class="form-error" role="alert">{errors().form}</p>
        </div>
        <ModalFooter>
          <button type="submit" class="btn-primary" disabled={busy()}>Create</button>
        </ModalFooter>
      </form>
    </ModalShell>
  );
}
