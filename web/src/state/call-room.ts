// One call (a voice or video channel, or a direct conversation's video call) on livekit-client: joining with the
// microphone (and the camera for video), the local toggles, leaving, and what the page should say at each step.
// The room's observables (participants, tracks, speaking) come from @livekit/components-core. This module and
// everything it imports are loaded only when a call starts.
import { createMemo, from, onCleanup } from "solid-js";
import { createStore } from "solid-js/store";
import {
  ConnectionState, createLocalAudioTrack, createLocalVideoTrack, MediaDeviceFailure, Room, RoomEvent, Track, VideoPresets,
  type DisconnectReason, type LocalTrack,
} from "livekit-client";
import {
  connectedParticipantsObserver, connectionStateObserver, roomAudioPlaybackAllowedObservable, trackReferencesObservable,
  type TrackReference,
} from "@livekit/components-core";
import { getCallToken, getConfig } from "../lib/api";
import { connectionProblem, disconnectProblem, mediaProblem, type CallProblem } from "../lib/call-problems";

export type Device = "microphone" | "camera" | "screen";

export interface CallState {
  /** `left`: the person pressed Leave; `failed`: the call could not start, or the server ended it */
  phase: "connecting" | "connected" | "failed" | "left";
  problem: CallProblem | null;
  /** the browser withheld a device: said beside the call, which goes on without it */
  mediaProblem: string | null;
  busy: Record<Device, boolean>;
  /** where the LiveKit server was looked for */
  url: string;
}

/** The observables hand out new track references on every event: keep the earlier object for the same
 * publication, so that a list keyed by reference does not re-create its video and audio elements. */
function stable(refs: () => TrackReference[]) {
  return createMemo<TrackReference[]>((prev) => refs().map((r) => prev.find((p) => p.publication === r.publication && p.participant === r.participant) ?? r), []);
}

export function createCall(opts: { roomId: string; username: string; audio: boolean; video: boolean }) {
  const camera = { resolution: VideoPresets.h720.resolution };
  const room = new Room({ adaptiveStream: true, dynacast: true, videoCaptureDefaults: camera });
  const [state, setState] = createStore<CallState>({
    phase: "connecting", problem: null, mediaProblem: null, busy: { microphone: false, camera: false, screen: false }, url: "",
  });
  // each join is an attempt; a later attempt (or leaving) makes an earlier one's late answers moot
  let attempt = 0;
  let disposed = false;

  const connection = from(connectionStateObserver(room));
  const remotes = from(connectedParticipantsObserver(room));
  const screens = from(trackReferencesObservable(room, [Track.Source.ScreenShare], { onlySubscribed: false }));
  const sounds = from(trackReferencesObservable(room, [Track.Source.Microphone, Track.Source.ScreenShareAudio], { onlySubscribed: true }));
  const playback = from(roomAudioPlaybackAllowedObservable(room));

  room.on(RoomEvent.Disconnected, (reason?: DisconnectReason) => {
    // only a call that was up can be ended by the server; a failed start is told by join() itself
    if (state.phase !== "connected" || disposed) return;
    attempt++;
    const problem = disconnectProblem(reason);
    setState(problem ? { phase: "failed", problem } : { phase: "left" });
  });

  /** Asks for the microphone (and camera) while the call connects, so a refusal is said at once. */
  async function acquire(): Promise<LocalTrack[]> {
    const wanted: [Device, () => Promise<LocalTrack>][] = [];
    if (opts.audio) wanted.push(["microphone", () => createLocalAudioTrack()]);
    if (opts.video) wanted.push(["camera", () => createLocalVideoTrack(camera)]);
    const results = await Promise.allSettled(wanted.map(([, make]) => make()));
    // one sentence per kind of refusal: "did not allow your microphone and camera", not the same thing twice
    const byFailure = new Map<string, { error: unknown; devices: Device[] }>();
    results.forEach((r, i) => {
      if (r.status === "fulfilled") return;
      const kind = String(MediaDeviceFailure.getFailure(r.reason));
      const group = byFailure.get(kind) ?? byFailure.set(kind, { error: r.reason, devices: [] }).get(kind)!;
      group.devices.push(wanted[i][0]);
    });
    const said = [...byFailure.values()].map((g) => mediaProblem(g.error, g.devices)).filter(Boolean).join(" ");
    if (said) setState("mediaProblem", said);
    return results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  }

  async function join() {
    const mine = ++attempt;
    setState({ phase: "connecting", problem: null, mediaProblem: null });
    const tracks = acquire();
    const moot = () => mine !== attempt || disposed;
    try {
      const [config, { token }] = await Promise.all([getConfig(), getCallToken(opts.roomId, opts.username)]);
      setState("url", config.livekitUrl);
      if (!config.livekitUrl) throw new Error("Calls are not set up here: the worker's LIVEKIT_URL is empty.");
      if (moot()) throw new Error("moot");
      await room.connect(config.livekitUrl, token);
    } catch (e) {
      for (const t of await tracks) t.stop();
      if (!moot()) setState({ phase: "failed", problem: connectionProblem(e, state.url) });
      return;
    }
    if (moot()) {
      for (const t of await tracks) t.stop();
      return;
    }
    setState("phase", "connected");
    for (const track of await tracks) {
      if (moot()) {
        track.stop();
        continue;
      }
      try {
        await room.localParticipant.publishTrack(track);
      } catch (e) {
        track.stop();
        if (!moot()) setState("mediaProblem", `Could not send your ${track.kind === "audio" ? "microphone" : "camera"}: ${(e as Error).message}`);
      }
    }
  }

  async function toggle(device: Device) {
    if (state.busy[device] || state.phase !== "connected") return;
    setState("busy", device, true);
    const me = room.localParticipant;
    try {
      if (device === "microphone") await me.setMicrophoneEnabled(!me.isMicrophoneEnabled);
      else if (device === "camera") await me.setCameraEnabled(!me.isCameraEnabled);
      else await me.setScreenShareEnabled(!me.isScreenShareEnabled, { audio: true, selfBrowserSurface: "exclude" });
      setState("mediaProblem", null);
    } catch (e) {
      const said = mediaProblem(e, [device]);
      if (said) setState("mediaProblem", said);
    } finally {
      setState("busy", device, false);
    }
  }

  async function leave() {
    attempt++;
    setState({ phase: "left", problem: null });
    await room.disconnect();
  }

  onCleanup(() => {
    disposed = true;
    void room.disconnect();
  });
  void join();

  return [
    {
      state,
      room,
      /** the signalling connection dropped and livekit-client is restoring it */
      reconnecting: () => state.phase === "connected" && (connection() === ConnectionState.Reconnecting || connection() === ConnectionState.SignalReconnecting),
      participants: () => [room.localParticipant, ...(remotes() ?? [])],
      screens: stable(() => screens()?.trackReferences ?? []),
      /** the others' voices (and shared screens' sound), to be played */
      sounds: stable(() => (sounds()?.trackReferences ?? []).filter((ref) => !ref.participant.isLocal)),
      canPlayAudio: () => playback()?.canPlayAudio ?? true,
    },
    {
      join,
      leave,
      toggle,
      dismissMediaProblem: () => setState("mediaProblem", null),
      startAudio: () => room.startAudio(),
    },
  ] as const;
}

export type Call = ReturnType<typeof createCall>;
