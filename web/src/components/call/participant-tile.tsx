// One person in a call: their camera or their avatar, their name, a green ring while they speak and a crossed-out
// microphone while they are muted; and a shared screen as a tile of its own.
import { createEffect, createMemo, from, onCleanup, Show } from "solid-js";
import type { Participant, Track } from "livekit-client";
import { createIsSpeakingObserver, observeParticipantMedia, participantInfoObserver, type TrackReference } from "@livekit/components-core";
import MicOff from "lucide-solid/icons/mic-off";
import { Avatar } from "../ui/avatar";

/** A video or audio track shown (or played) in an element of ours for as long as both exist. */
export function TrackMedia(props: { track: Track | undefined; kind: "video" | "audio"; class?: string; mirror?: boolean }) {
  let el!: HTMLMediaElement;
  createEffect(() => {
    const track = props.track;
    if (!track) return;
    track.attach(el);
    onCleanup(() => track.detach(el));
  });
  return props.kind === "video" ? (
    <video ref={(v) => (el = v)} class={props.class} style={props.mirror ? { transform: "scaleX(-1)" } : undefined} autoplay playsinline muted />
  ) : (
    <audio ref={(a) => (el = a)} autoplay />
  );
}

const tile = "relative grid aspect-video min-h-0 place-items-center overflow-hidden rounded-lg bg-raised outline-2 -outline-offset-2 transition-[outline-color]";

function NameTag(props: { name: string; muted?: boolean }) {
  return (
    <span class="absolute bottom-2 left-2 flex max-w-[calc(100%-1rem)] items-center gap-1 rounded bg-black/60 px-2 py-0.5 text-sm text-white">
      <Show when={props.muted}>
        <MicOff size={14} class="shrink-0 text-red-400" role="img" aria-label="Muted" data-testid="muted" />
      </Show>
      <span class="truncate">{props.name}</span>
    </span>
  );
}

export function ParticipantTile(props: { participant: Participant; avatar?: string | null }) {
  // a tile belongs to one participant for its whole life (the grid is keyed by participant)
  const p = props.participant;
  const media = from(observeParticipantMedia(p));
  const speaking = from(createIsSpeakingObserver(p));
  const info = from(participantInfoObserver(p)!);
  const name = () => info()?.name || p.name || p.identity;
  const label = () => (p.isLocal ? `${name()} (you)` : name());
  const camera = createMemo(() => (media()?.isCameraEnabled ? media()?.cameraTrack?.track : undefined));
  const muted = () => !media()?.isMicrophoneEnabled;
  return (
    <li
      class={`${tile} ${speaking() ? "outline-ok" : "outline-transparent"}`}
      data-identity={p.identity}
      data-speaking={speaking() ? "true" : "false"}
      data-muted={muted() ? "true" : "false"}
    >
      <Show when={camera()} fallback={<Avatar name={name()} src={props.avatar} size={80} />}>
        {(track) => <TrackMedia kind="video" track={track()} mirror={p.isLocal} class="size-full object-cover" />}
      </Show>
      <NameTag name={label()} muted={muted()} />
      <Show when={speaking()}>
        <span class="sr-only">speaking</span>
      </Show>
    </li>
  );
}

export function ScreenTile(props: { screen: TrackReference }) {
  const name = () => props.screen.participant.name || props.screen.participant.identity;
  return (
    <li class={`${tile} outline-transparent bg-black`} data-identity={props.screen.participant.identity} data-screen="true">
      <TrackMedia kind="video" track={props.screen.publication.track} class="size-full object-contain" />
      <NameTag name={props.screen.participant.isLocal ? "Your screen" : `${name()}'s screen`} />
    </li>
  );
}
