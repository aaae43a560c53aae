// The bar under a call: microphone, camera and screen share (each a toggle that says whether it is on), and leave.
import { from, Show, type JSX } from "solid-js";
import { observeParticipantMedia } from "@livekit/components-core";
import Mic from "lucide-solid/icons/mic";
import MicOff from "lucide-solid/icons/mic-off";
import PhoneOff from "lucide-solid/icons/phone-off";
import ScreenShare from "lucide-solid/icons/screen-share";
import ScreenShareOff from "lucide-solid/icons/screen-share-off";
import Video from "lucide-solid/icons/video";
import VideoOff from "lucide-solid/icons/video-off";
import type { Call, Device } from "../../state/call-room";

const canShareScreen = typeof navigator !== "undefined" && !!navigator.mediaDevices && "getDisplayMedia" in navigator.mediaDevices;

function Toggle(props: { call: Call; device: Device; label: string; on: boolean; title: string; warnOff?: boolean; children: JSX.Element }) {
  const [call, actions] = props.call;
  const tone = () => (props.on ? (props.warnOff ? "bg-field text-fg" : "bg-brand text-white") : props.warnOff ? "bg-field text-danger" : "bg-field text-fg");
  return (
    <button
      type="button"
      aria-label={props.label}
      aria-pressed={props.on}
      title={props.title}
      disabled={call.state.phase !== "connected" || call.state.busy[props.device]}
      onClick={() => void actions.toggle(props.device)}
      class={`grid size-12 place-items-center rounded-full outline-none transition-colors hover:brightness-110 focus-visible:ring-2 focus-visible:ring-brand disabled:cursor-not-allowed disabled:opacity-50 ${tone()}`}
    >
      {props.children}
    </button>
  );
}

export function CallControls(props: { call: Call; leaveLabel: string; onLeave: () => void }) {
  // the local participant lives as long as the call's Room does
  const me = from(observeParticipantMedia(props.call[0].room.localParticipant));
  return (
    <div role="toolbar" aria-label="Call controls" class="flex shrink-0 flex-wrap items-center justify-center gap-3 border-t border-line bg-sidebar px-4 py-3">
      <Toggle call={props.call} device="microphone" label="Microphone" warnOff on={!!me()?.isMicrophoneEnabled} title={me()?.isMicrophoneEnabled ? "Mute" : "Unmute"}>
        {me()?.isMicrophoneEnabled ? <Mic size={22} aria-hidden="true" /> : <MicOff size={22} aria-hidden="true" />}
      </Toggle>
      <Toggle call={props.call} device="camera" label="Camera" on={!!me()?.isCameraEnabled} title={me()?.isCameraEnabled ? "Turn off camera" : "Turn on camera"}>
        {me()?.isCameraEnabled ? <Video size={22} aria-hidden="true" /> : <VideoOff size={22} aria-hidden="true" />}
      </Toggle>
      <Show when={canShareScreen}>
        <Toggle call={props.call} device="screen" label="Share screen" on={!!me()?.isScreenShareEnabled} title={me()?.isScreenShareEnabled ? "Stop sharing" : "Share your screen"}>
          {me()?.isScreenShareEnabled ? <ScreenShareOff size={22} aria-hidden="true" /> : <ScreenShare size={22} aria-hidden="true" />}
        </Toggle>
      </Show>
      <button type="button" onClick={() => props.onLeave()} class="btn-danger h-12 rounded-full px-5">
        <PhoneOff size={20} aria-hidden="true" /> {props.leaveLabel}
      </button>
    </div>
  );
}
