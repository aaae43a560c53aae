// Create or edit a channel (MODERATOR and up): a name and a type. "general" is reserved.
import { createSignal, For } from "solid-js";
import { useNavigate } from "@solidjs/router";
import { ChannelPatch, NewChannel } from "../../../../contract/schemas";
import type { Channel, ChannelType } from "../../../../contract/types";
import { createChannel, updateChannel } from "../../lib/api";
import { check, formFailed, formValues, pending, type FieldErrors } from "../../lib/forms";
import { storeServerView } from "../../state/queries";
import { TextField } from "../ui/field";
import { ModalFooter, ModalShell } from "./modal-shell";
import type { ModalProps } from "../../state/modal-context";

const types: { value: ChannelType; label: string }[] = [
  { value: "TEXT", label: "Text" },
  { value: "AUDIO", label: "Voice" },
  { value: "VIDEO", label: "Video" },
];

function ChannelForm(props: { title: string; submitLabel: string; channel?: Channel; type?: ChannelType; close: () => void; save: (body: { name: string; type: ChannelType }) => Promise<void> }) {
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [busy, setBusy] = createSignal(false);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const values = formValues(e.currentTarget as HTMLFormElement);
    const body = { name: values.name, type: values.type };
    const parsed = props.channel
      ? check(ChannelPatch, body.name === props.channel.name ? { type: body.type } : body)
      : check(NewChannel, body);
    if (!parsed.ok) return setErrors(parsed.errors);
    await pending(setBusy, formFailed(setErrors), async () => {
      await props.save(parsed.value as { name: string; type: ChannelType });
      props.close();
    });
  }

  return (
    <ModalShell title={props.title} close={props.close}>
      <form onSubmit={submit} novalidate>
        <div class="grid gap-4 px-6 pt-4">
          <TextField label="Channel name" name="name" value={props.channel?.name ?? ""} placeholder="new-channel" maxLength={100} error={errors().name} autofocus />
          <label class="label">
            Channel type
            <select name="type" class="field text-base font-normal normal-case tracking-normal" value={props.channel?.type ?? props.type ?? "TEXT"}>
              <For each={types}>{(t) => <option value={t.value}>{t.label}</option>}</For>
            </select>
          </label>
          <p class="form-error" role="alert">{errors().form ?? errors().type}</p>
        </div>
        <ModalFooter>
          <button type="button" class="btn-ghost" onClick={props.close}>Cancel</button>
          <button type="submit" class="btn-primary" disabled={busy()}>{props.submitLabel}</button>
        </ModalFooter>
      </form>
    </ModalShell>
  );
}

export function CreateChannel(props: ModalProps<"createChannel">) {
  const navigate = useNavigate();
  return (
    <ChannelForm
      title="Create channel"
      submitLabel="Create"
      type={props.data.type}
      close={props.close}
      save={async (body) => {
        const view = await createChannel(props.data.serverId, body);
        storeServerView(view);
        const made = view.channels.find((c) => c.name === body.name && c.type === body.type);
        if (made) navigate(`/servers/${view.id}/channels/${made.id}`);
      }}
    />
  );
}

export function EditChannel(props: ModalProps<"editChannel">) {
  return (
    <ChannelForm
      title="Edit channel"
      submitLabel="Save"
      channel={props.data.channel}
      close={props.close}
      save={async (body) => storeServerView(await updateChannel(props.data.serverId, props.data.channel.id, body))}
    />
  );
}
