// The people in a voice or video channel, under its name in the sidebar, as Discord shows them.
import { For, Show } from "solid-js";
import type { Channel } from "../../../../contract/types";
import { createVoiceParticipants } from "../../state/voice-participants";
import { Avatar } from "../ui/avatar";

export function VoiceParticipants(props: { channel: Channel }) {
  // a channel never moves to another server, so its server is read once
  const people = createVoiceParticipants(props.channel.serverId, () => props.channel.id);
  return (
    <Show when={people().length}>
      <li>
        <ul aria-label={`In ${props.channel.name}`} class="grid gap-0.5 pb-1 pl-7">
          <For each={people()}>
            {(person) => (
              <li class="flex items-center gap-2 rounded px-2 py-1 text-sm text-muted" data-profile-id={person.id}>
                <Avatar name={person.name} src={person.imageUrl} size={20} />
                <span class="truncate">{person.name}</span>
              </li>
            )}
          </For>
        </ul>
      </li>
    </Show>
  );
}
