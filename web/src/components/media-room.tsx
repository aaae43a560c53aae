// The media room of a voice or video channel or a call. Calls (LiveKit) come in a later step; this placeholder
// is loaded on demand so that livekit-client, when it arrives, never weighs on the first page.
import Mic from "lucide-solid/icons/mic";
import Video from "lucide-solid/icons/video";

export default function MediaRoom(props: { roomId: string; name: string; video: boolean; audio: boolean }) {
  return (
    <main class="grid flex-1 place-items-center p-8 text-center" data-room={props.roomId}>
      <div class="grid justify-items-center gap-3">
        <span class="grid size-20 place-items-center rounded-full bg-raised text-muted">
          {props.video ? <Video size={40} aria-hidden="true" /> : <Mic size={40} aria-hidden="true" />}
        </span>
        <h2 class="text-xl font-bold">{props.video ? "Video" : "Voice"} room: {props.name}</h2>
        <p class="max-w-sm text-muted">Calls are not available yet. Text channels and direct messages work in real time.</p>
      </div>
    </main>
  );
}
