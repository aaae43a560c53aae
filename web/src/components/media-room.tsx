// The media room of a voice or video channel, or of a direct conversation's video call: joins on livekit-client
// (the microphone, and the camera in a video room), shows everyone in a grid and says plainly what went wrong.
// It is loaded on demand (lazy), so livekit-client never weighs on the first page.
import { For, Match, Show, Switch } from "solid-js";
import { useParams } from "@solidjs/router";
import TriangleAlert from "lucide-solid/icons/triangle-alert";
import Volume2 from "lucide-solid/icons/volume-2";
import WifiOff from "lucide-solid/icons/wifi-off";
import X from "lucide-solid/icons/x";
import { createCall } from "../state/call-room";
import { useMe } from "../state/me-context";
import { cachedMemberImage } from "../state/queries";
import { CallControls } from "./call/call-controls";
import { ParticipantTile, ScreenTile, TrackMedia } from "./call/participant-tile";
import { Spinner } from "./ui/spinner";

const banner = "flex items-center gap-2 px-4 py-2 text-sm font-medium text-white";

export default function MediaRoom(props: {
  roomId: string;
  name: string;
  video: boolean;
  audio: boolean;
  /** a direct conversation's call ends (its page drops ?video) instead of staying on a "you left" screen */
  onLeave?: () => void;
}) {
  const me = useMe();
  const params = useParams<{ serverId?: string }>();
  // one call per mounted room: the routes key this component by room
  const call = createCall({ roomId: props.roomId, username: me().name, audio: props.audio, video: props.video });
  const [room, actions] = call;
  const avatar = (identity: string) =>
    params.serverId ? cachedMemberImage(params.serverId, identity) : null;
  const leave = () => {
    void actions.leave();
    props.onLeave?.();
  };

  return (
    <main class="flex min-h-0 flex-1 flex-col" aria-label={`Call in ${props.name}`} data-room={props.roomId} data-phase={room.state.phase}>
      <Show when={room.reconnecting()}>
        <p role="status" class={`${banner} bg-amber-600`}>
          <WifiOff size={16} aria-hidden="true" /> The connection to the call was lost. Reconnecting…
        </p>
      </Show>
      <Show when={room.state.mediaProblem}>
        {(said) => (
          <div role="alert" class={`${banner} bg-danger`}>
            <TriangleAlert size={16} class="shrink-0" aria-hidden="true" />
            <span class="flex-1">{said()}</span>
            <button type="button" class="rounded p-1 hover:bg-white/20" aria-label="Dismiss" onClick={actions.dismissMediaProblem}>
              <X size={16} aria-hidden="true" />
            </button>
          </div>
        )}
      </Show>
      <Show when={room.state.phase === "connected" && !room.canPlayAudio()}>
        <div class={`${banner} bg-brand`}>
          <Volume2 size={16} aria-hidden="true" />
          <span class="flex-1">The browser is holding back the call's sound until you allow it.</span>
          <button type="button" class="rounded bg-white/20 px-2 py-0.5 hover:bg-white/30" onClick={() => void actions.startAudio()}>Play sound</button>
        </div>
      </Show>

      <Switch>
        <Match when={room.state.phase === "connecting"}>
          <div class="grid flex-1 place-items-center p-8">
            <p class="flex items-center gap-3 text-muted">
              <Spinner label={`Joining ${props.name}`} /> <span aria-hidden="true">Joining {props.name}…</span>
            </p>
          </div>
        </Match>
        <Match when={room.state.phase === "failed" && room.state.problem}>
          {(problem) => (
            <div class="grid flex-1 place-items-center overflow-y-auto p-8">
              <div role="alert" class="grid max-w-lg justify-items-center gap-3 text-center">
                <span class="grid size-16 place-items-center rounded-full bg-raised text-muted">
                  <WifiOff size={32} aria-hidden="true" />
                </span>
                <h2 class="text-xl font-bold">{problem().title}</h2>
                <p class="text-muted">{problem().detail}</p>
                <Show when={problem().serverHint}>
                  <p class="text-sm text-muted">
                    Running Edgecord yourself? Start a LiveKit server on this machine with{" "}
                    <code class="whitespace-nowrap rounded bg-field px-1.5 py-0.5 font-mono text-fg">livekit-server --dev</code>: it listens on
                    ws://127.0.0.1:7880 with the key <code class="font-mono">devkey</code> and secret <code class="font-mono">secret</code>, as{" "}
                    <code class="whitespace-nowrap font-mono">npm run dev</code> expects.
                  </p>
                </Show>
                <div class="flex gap-2">
                  <button type="button" class="btn-primary" onClick={() => void actions.join()}>Try again</button>
                  <Show when={props.onLeave}>
                    <button type="button" class="btn-ghost" onClick={leave}>End call</button>
                  </Show>
                </div>
              </div>
            </div>
          )}
        </Match>
        <Match when={room.state.phase === "left"}>
          <div class="grid flex-1 place-items-center p-8">
            <div class="grid justify-items-center gap-3 text-center">
              <h2 class="text-xl font-bold">You left {props.name}</h2>
              <button type="button" class="btn-primary" onClick={() => void actions.join()}>Join again</button>
            </div>
          </div>
        </Match>
        <Match when={room.state.phase === "connected"}>
          <ul
            aria-label="Participants"
            class="grid flex-1 content-center gap-3 overflow-y-auto p-4"
            style={{ "grid-template-columns": "repeat(auto-fit, minmax(min(100%, 280px), 1fr))" }}
          >
            <For each={room.screens()}>{(screen) => <ScreenTile screen={screen} />}</For>
            <For each={room.participants()}>{(p) => <ParticipantTile participant={p} avatar={avatar(p.identity)} />}</For>
          </ul>
          <For each={room.sounds()}>{(sound) => <TrackMedia kind="audio" track={sound.publication.track} />}</For>
          <CallControls call={call} leaveLabel={props.onLeave ? "End call" : "Leave"} onLeave={leave} />
        </Match>
      </Switch>
    </main>
  );
}
