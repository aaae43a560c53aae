// The header button of a direct message that starts or ends its video call: it toggles `?video=true`, as the
// system this replaces did, so the call is a link that can be shared, reloaded and left with Back.
import { useSearchParams } from "@solidjs/router";
import Video from "lucide-solid/icons/video";
import VideoOff from "lucide-solid/icons/video-off";

export const useVideoCall = () => {
  const [search, setSearch] = useSearchParams<{ video?: string }>();
  return [() => search.video === "true", (on: boolean) => setSearch({ video: on ? "true" : undefined })] as const;
};

export function VideoCallButton() {
  const [inCall, setCall] = useVideoCall();
  const label = () => (inCall() ? "End video call" : "Start video call");
  return (
    <button type="button" class="icon-btn" aria-label={label()} title={label()} onClick={() => setCall(!inCall())}>
      {inCall() ? <VideoOff size={20} aria-hidden="true" /> : <Video size={20} aria-hidden="true" />}
    </button>
  );
}
