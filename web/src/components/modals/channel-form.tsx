// Create or edit a channel (MODERATOR and up): a name and a type ("general" is reserved and keeps both), and when
// editing a text channel, its slowmode.
import { createSignal, For, Show } from "solid-js";
import { RESERVED_CHANNEL, SLOWMODE_CHOICES } from "../../../../contract/limits";
import { useNavigate } from "@solidjs/router";
import { ChannelPatch, NewChannel } from "../../../../contract/schemas";
import type { Channel, ChannelType } from "../../../../contract/types";
import { createChannel, updateChannel } from "../../lib/api";
import { check, formFailed, formValues, pending, type FieldErrors } from "../../lib/forms";
import { storeServerView } from "../../state/queries";
import { TextField } from "../ui/field";
import { ModalFooter, ModalShell } from "./modal-shell";
import type { ModalProps } from "../../state/modal-context";

/** Discord's choices, from "Off" to 6 hours. */
const slowmodeLabel = (s: number) => (s === 0 ? "Off" : s < 60 ? `${s}s` : s < 3600 ? `${s / 60}m` : `${s / 3600}h`);

const types: { value: ChannelType; label: string }[] = [
  { value: "TEXT", label: "Text" },
  { value: "AUDIO", label: "Voice" },
  { value: "VIDEO", label: "Video" },
];

type Body = { name?: string; type?: ChannelType; slowmodeSeconds?: number };

function ChannelForm(props: { title: string; submitLabel: string; channel?: Channel; type?: ChannelType; close: () => void; save: (body: Body) => Promise<void> }) {
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [busy, setBusy] = createSignal(false);
  const reserved = () => props.channel?.name.toLowerCase() === RESERVED_CHANNEL;

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const values = formValues(e.currentTarget as HTMLFormElement);
    const channel = props.channel;
    // general's fields are shown read-only: what it has is what it keeps
    const body = reserved() ? { name: channel!.name, type: channel!.type } : { name: values.name, type: values.type };
    let parsed;
    if (channel) {
      // only what changed: general's name and type cannot change, its slowmode can
      const slowmodeSeconds = values.slowmode === undefined ? channel.slowmodeSeconds : Number(values.slowmode);
      const patch = {
        ...(body.name !== channel.name && { name: body.name }),
        ...(body.type !== channel.type && { type: body.type }),
        ...(slowmodeSeconds !== channel.slowmodeSeconds && { slowmodeSeconds }),
      };
      if (Object.keys(patch).length === 0) return props.close();
      parsed = check(ChannelPatch, patch);
    } else parsed = check(NewChannel, body);
    if (!parsed.ok) return setErrors(parsed.errors);
    await pending(setBusy, formFailed(setErrors), async () => {
      await props.save(parsed.value as Body);
      props.close();
    });
  }

  return (
    <ModalShell title={props.title} close={props.close}>
      <form onSubmit={submit} novalidate>
        <div class="grid gap-4 px-6 pt-4">
          <TextField label="Channel name" name="name" value={props.channel?.name ?? ""} placeholder="new-channel" maxLength={100} error={errors().name} autofocus={!reserved()}
            readOnly={reserved()} hint={reserved() ? `The "${RESERVED_CHANNEL}" channel keeps its name and type` : undefined} />
          <label class="label">
            Channel type
            <select name="type" class="field text-base font-normal normal-case tracking-normal" value={props.channel?.type ?? props.type ?? "TEXT"} disabled={reserved()}>
              <For each={types}>{(t) => <option value={t.value}>{t.label}</option>}</For>
            </select>
          </label>
          <Show when={props.channel?.type === "TEXT"}>
            <label class="label">
              Slowmode
              <select name="slowmode" class="field text-base font-normal normal-case tracking-normal" value={String(props.channel!.slowmodeSeconds)}>
                <For each={SLOWMODE_CHOICES}>{(s) => <option value={String(s)}>{slowmodeLabel(s)}</option>}</For>
              </select>
              <span class="text-xs font-normal normal-case tracking-normal text-muted">How long a guest waits between two messages; admins and moderators never wait.</span>
            </label>
          </Show>
          <p class="form-error" role="alert">{errors().form ?? errors().type ?? errors().slowmodeSeconds}</p>
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
        const view = await createChannel(props.data.serverId, body as { name: string; type: ChannelType });
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
