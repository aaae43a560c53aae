// Who is in each voice and video channel of a server, for the sidebar: asked for over HTTP, then kept current by
// the `chat:<serverId>:voice` frames of the server's room (and asked for again whenever that socket reopens).
import { onCleanup } from "solid-js";
import { createQuery } from "@tanstack/solid-query";
import { voiceKey } from "../../../contract/room";
import type { PublicProfile } from "../../../contract/types";
import { getVoiceParticipants } from "../lib/api";
import { queryClient } from "./query-client";
import { listenServerRoom } from "./server-room";

const voiceQueryKey = (serverId: string) => ["voice", serverId] as const;

// every channel's list hears the room open: ask once for all of them
const asking = new Set<string>();
function askAgain(serverId: string) {
  if (asking.has(serverId)) return;
  asking.add(serverId);
  queueMicrotask(async () => {
    asking.delete(serverId);
    // an answer still on its way may have been read before the room opened: drop it and ask afresh
    await queryClient.cancelQueries({ queryKey: voiceQueryKey(serverId) });
    await queryClient.invalidateQueries({ queryKey: voiceQueryKey(serverId) });
  });
}

/** The people in one voice or video channel, live while the calling component is mounted. */
export function createVoiceParticipants(serverId: string, channelId: () => string): () => PublicProfile[] {
  const room = listenServerRoom(serverId, {
    onEvent: (frame) => {
      if (frame.key === voiceKey(serverId)) queryClient.setQueryData(voiceQueryKey(serverId), frame.data);
    },
    onOpen: () => askAgain(serverId),
  });
  onCleanup(room.release);
  const query = createQuery(() => ({
    queryKey: voiceQueryKey(serverId),
    queryFn: () => getVoiceParticipants(serverId),
    staleTime: Infinity,
    // a notification the worker failed to deliver is not repeated: look again now and then, often while the
    // room cannot be heard
    refetchInterval: room.live() ? 120_000 : 15_000,
  }));
  return () => query.data?.[channelId()] ?? [];
}
