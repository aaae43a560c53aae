// What to tell a person when a call cannot start or goes wrong: the LiveKit server out of reach, a token refused,
// a microphone or camera the browser withholds. Loaded with the media room only (it needs livekit-client).
import { ConnectionError, ConnectionErrorReason, DisconnectReason, MediaDeviceFailure } from "livekit-client";
import { ApiError } from "./api";

export interface CallProblem {
  title: string;
  detail: string;
  /** the LiveKit server could not be reached: show how to run one locally */
  serverHint?: boolean;
}

export function connectionProblem(error: unknown, url: string): CallProblem {
  if (error instanceof ApiError) return { title: "Could not join the call", detail: error.message };
  if (error instanceof ConnectionError) {
    switch (error.reason) {
      case ConnectionErrorReason.NotAllowed:
        return {
          title: "The LiveKit server refused to let you in",
          detail: `It did not accept the call's token${error.message ? ` (${error.message})` : ""}. The worker's LIVEKIT_API_KEY and LIVEKIT_API_SECRET must be the key and secret of the server at ${url}.`,
        };
      case ConnectionErrorReason.LeaveRequest:
        return disconnectProblem(error.context as DisconnectReason | undefined) ?? { title: "The call ended", detail: error.message };
      case ConnectionErrorReason.Timeout:
        return { title: "The LiveKit server did not answer", detail: `No answer from ${url} in time. Calls need a LiveKit server there.`, serverHint: true };
      default:
        return { title: "Cannot reach the LiveKit server", detail: `Nothing answered at ${url}. Calls need a LiveKit server there.`, serverHint: true };
    }
  }
  return { title: "Could not join the call", detail: error instanceof Error ? error.message : String(error) };
}

/** Why the server ended a call we were in; undefined when we left ourselves. */
export function disconnectProblem(reason: DisconnectReason | undefined): CallProblem | undefined {
  switch (reason) {
    case DisconnectReason.CLIENT_INITIATED:
      return undefined;
    case DisconnectReason.DUPLICATE_IDENTITY:
      return { title: "You joined this call somewhere else", detail: "You are in this call in another tab or on another device, so this one was let go." };
    case DisconnectReason.PARTICIPANT_REMOVED:
      return { title: "You were removed from the call", detail: "Someone with the right to do so took you out of this call." };
    case DisconnectReason.ROOM_DELETED:
      return { title: "The call was ended", detail: "The call's room was closed on the LiveKit server." };
    case DisconnectReason.SERVER_SHUTDOWN:
      return { title: "The LiveKit server shut down", detail: "The server that carried this call stopped.", serverHint: true };
    default:
      return { title: "The connection to the call was lost", detail: "It could not be restored. Check your connection, then join again.", serverHint: true };
  }
}

/** What to say when the browser would not give us a device (or the same refusal for several); undefined when
 * there is nothing to say. */
export function mediaProblem(error: unknown, devices: ("microphone" | "camera" | "screen")[]): string | undefined {
  const names = devices.map((d) => (d === "screen" ? "screen sharing" : d));
  const what = `your ${names.join(" and ")}`;
  const button = devices.length > 1 ? "their buttons" : `the ${names[0]} button`;
  if (typeof window !== "undefined" && !window.isSecureContext) {
    return `This page cannot use ${what}: browsers allow the microphone, camera and screen sharing only over HTTPS or on localhost.`;
  }
  switch (MediaDeviceFailure.getFailure(error)) {
    case MediaDeviceFailure.PermissionDenied:
      // cancelling the screen picker reads the same as refusing: that was a choice, not a problem
      if (devices.includes("screen")) return undefined;
      return `The browser did not allow ${what}. Allow ${devices.length > 1 ? "them" : "it"} for this site (the icon beside the address bar), then turn ${devices.length > 1 ? "them" : "it"} on with ${button}.`;
    case MediaDeviceFailure.NotFound:
      return devices.includes("screen") ? "This browser cannot share a screen." : `No ${names.join(" or ")} was found. Plug one in, then turn it on with ${button}.`;
    case MediaDeviceFailure.DeviceInUse:
      return `Could not start ${what}: another app may be using ${devices.length > 1 ? "them" : "it"}.`;
    default:
      return `Could not start ${what}${error instanceof Error && error.message ? `: ${error.message}` : ""}.`;
  }
}
