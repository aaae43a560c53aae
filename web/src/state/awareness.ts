// Who is online, what is unread and where the caller was mentioned, for the rail, the sidebar and the tab title.
// The truth is `GET /api/read-states` (asked again after any reconnect, so a missed event costs nothing); between
// two answers the rooms keep it current: the open server's room says `chat:{serverId}:activity` for each channel
// message, the caller's own room `chat:{profileId}:activity` for each direct message to them.
import { createMemo, createRoot, createSignal } from "solid-js";
import { createStore, produce, reconcile } from "solid-js/store";
import { createQuery } from "@tanstack/solid-query";
import { activityKey, presenceKey, presenceUpdateKey } from "../../../contract/room";
import type { RoomFrame } from "../../../contract/room";
import type { ChannelActivity, DirectActivity, ReadState } from "../../../contract/types";
import { READ_STATE_MENTIONS_MAX } from "../../../contract/limits";
import { getReadStates, markRoomRead } from "../lib/api";
import { queryClient } from "./query-client";
import { connectRoom } from "./room-socket";
import { arrived, createNotificationSettingsQuery, isMuted } from "./notifications";

const readStatesKey = ["read-states"] as const;

export const createReadStatesQuery = () =>
  createQuery(() => ({ queryKey: readStatesKey, queryFn: getReadStates, staleTime: 30_000, refetchInterval: 60_000 }));

/** Frames went by unseen (a socket was down) or a room is new: ask for the whole truth again. */
export const refreshReadStates = () => queryClient.invalidateQueries({ queryKey: readStatesKey });

const updateState = (roomId: string, change: (s: ReadState) => ReadState) =>
  queryClient.setQueryData<ReadState[]>(readStatesKey, (list) => list?.map((s) => (s.roomId === roomId ? change(s) : s)));

/** Messages counted live so far: an answer asked for before the latest of them may not include it. */
let counts = 0;

/**
 * Counts a new message into a room's state. An answer to a request that is still on its way may have been read
 * before this message was written, and would undo the count when it lands: then it is dropped and asked again (a
 * request sent after the room's frame sees the message, which was committed before the frame was sent).
 */
function countLive(roomId: string, mentioned: boolean) {
  counts++;
  updateState(roomId, (s) => counted(s, mentioned));
  if (queryClient.isFetching({ queryKey: readStatesKey }) > 0) void refreshReadStates();
}

/** The chat on screen and whether the person is looking at its newest message (then nothing new there is unread). */
const [watching, setWatching] = createSignal<{ roomId: string; atNewest: boolean } | undefined>();
export { setWatching };
const seenAsItArrives = (roomId: string) => {
  const w = watching();
  return w?.roomId === roomId && w.atNewest && document.visibilityState === "visible" && document.hasFocus();
};

/** A room's read state as the page last heard it (for the "New messages" line, taken as a chat opens). */
export const readStateOf = (roomId: string) => queryClient.getQueryData<ReadState[]>(readStatesKey)?.find((s) => s.roomId === roomId);

/** Marks a room read up to a message (the chat reached it); the answer is the room's new state. */
export async function markRead(roomId: string, messageId: string) {
  const current = queryClient.getQueryData<ReadState[]>(readStatesKey)?.find((s) => s.roomId === roomId);
  if (current?.lastReadMessageId === messageId && !current.unread) return;
  const before = counts;
  const state = await markRoomRead(roomId, messageId);
  updateState(roomId, () => state);
  // a message counted while the mark was on its way may be missing from its answer
  if (counts !== before) void refreshReadStates();
}

function counted(s: ReadState, mentioned: boolean): ReadState {
  const cap = (n: number) => Math.min(READ_STATE_MENTIONS_MAX, n);
  return { ...s, unread: true, mentions: cap(s.mentions + (mentioned ? 1 : 0)), unreadCount: cap(s.unreadCount + 1) };
}

/** `chat:{serverId}:activity`: a message in one of the server's channels; `me` is the caller's member id there. */
export function channelActivity(activity: ChannelActivity, me: string | undefined, serverId?: string) {
  if (!me || activity.memberId === me) return;
  const mentioned = activity.mentionEveryone || activity.mentions.includes(me);
  if (serverId) arrived({ roomId: activity.channelId, serverId, messageId: activity.messageId, mentioned, open: watching()?.roomId === activity.channelId });
  if (seenAsItArrives(activity.channelId)) return;
  const known = queryClient.getQueryData<ReadState[]>(readStatesKey)?.some((s) => s.roomId === activity.channelId);
  if (!known) return void refreshReadStates();
  countLive(activity.channelId, mentioned);
}

/** `chat:{profileId}:activity`: a direct message from the other member (a mention only if it names the caller). */
function directActivity(activity: DirectActivity) {
  arrived({ roomId: activity.conversationId, serverId: null, messageId: activity.messageId, mentioned: false, open: watching()?.roomId === activity.conversationId, peer: readStateOf(activity.conversationId)?.peer });
  if (seenAsItArrives(activity.conversationId)) return;
  const known = queryClient.getQueryData<ReadState[]>(readStatesKey)?.some((s) => s.roomId === activity.conversationId);
  // a new conversation, or one whose mention the frame cannot tell: the server knows
  if (!known) return void refreshReadStates();
  countLive(activity.conversationId, false);
}

/** The caller's own room, open while they are signed in; answers the function that closes it. */
export function followOwnRoom(profileId: string) {
  return connectRoom(profileId, {
    onFrame(frame: RoomFrame) {
      // a person's own room carries direct activity only; the shape says so without a cast
      if (frame.key === activityKey(profileId) && "conversationId" in frame.data) directActivity(frame.data);
    },
    onOpen: () => void refreshReadStates(),
    onDown() {},
  });
}

// ---- presence, per server, from its room ----

const presence = createRoot(() => {
  const [online, setOnline] = createStore<Record<string, Record<string, true>>>({});
  return { online, setOnline };
});

/** The server room's presence frames; anything else is not for this module. */
export function presenceFrame(serverId: string, frame: RoomFrame) {
  if (frame.key === presenceKey(serverId)) {
    const ids = frame.data.online;
    presence.setOnline(serverId, reconcile(Object.fromEntries(ids.map((id) => [id, true as const]))));
  } else if (frame.key === presenceUpdateKey(serverId)) {
    const { profileId, online } = frame.data;
    presence.setOnline(produce((all) => {
      const set = (all[serverId] ??= {});
      if (online) set[profileId] = true;
      else delete set[profileId];
    }));
  }
}

export const isOnline = (serverId: string, profileId: string) => !!presence.online[serverId]?.[profileId];

// ---- what the views show ----

/**
 * A room's badge number: mentions for a channel; for a direct conversation every unread message, as Discord counts,
 * or only its mentions when it is muted (a muted room's mentions still count).
 */
export const badgeOf = (s: ReadState | undefined) => (!s ? 0 : s.peer && !isMuted(s) ? s.unreadCount : s.mentions);
/** Whether a room shows as unread: something new, in a room that is not muted. */
export const isUnread = (s: ReadState | undefined) => !!s?.unread && !isMuted(s);

export interface Badges {
  room: (roomId: string) => ReadState | undefined;
  /** the caller's conversation with a member of a server, if they have one */
  conversationWith: (serverId: string, memberId: string) => ReadState | undefined;
  /** the badge numbers waiting in a server's channels and conversations */
  serverCount: (serverId: string) => number;
  serverUnread: (serverId: string) => boolean;
  /** all of them, for the tab title */
  total: () => number;
}

export function createBadges(): Badges {
  const query = createReadStatesQuery();
  // the levels decide which rooms are muted: read them with the states, so both change the marks at once
  const levels = createNotificationSettingsQuery();
  const states = () => (void levels.data, query.data ?? []);
  const byRoom = createMemo(() => new Map(states().map((s) => [s.roomId, s])));
  const byPeer = createMemo(() => new Map(states().filter((s) => s.peer).map((s) => [`${s.peer!.serverId}/${s.peer!.memberId}`, s])));
  const serverOf = (s: ReadState) => s.serverId ?? s.peer?.serverId;
  return {
    room: (roomId) => byRoom().get(roomId),
    conversationWith: (serverId, memberId) => byPeer().get(`${serverId}/${memberId}`),
    serverCount: (serverId) => states().reduce((n, s) => n + (serverOf(s) === serverId ? badgeOf(s) : 0), 0),
    serverUnread: (serverId) => states().some((s) => isUnread(s) && serverOf(s) === serverId),
    total: () => states().reduce((n, s) => n + badgeOf(s), 0),
  };
}
