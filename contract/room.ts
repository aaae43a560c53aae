// The realtime vocabulary: every room event key, the frames a room sends, what a socket may send, and the close
// code. The only place keys are spelled out (docs/API.md, "Rooms"); worker, rooms and web import them.
import type { ChannelActivity, DirectActivity, Member, Message, Presence, PresenceUpdate, ReactionEvent, ServerView, Typing, VoiceParticipants } from "./types";

/** The PartyServer party every room lives in: `/parties/main/<roomId>` on the worker's own origin. */
export const PARTY = "main";
export const roomPath = (roomId: string) => `/parties/${PARTY}/${encodeURIComponent(roomId)}`;

// Keys of a channel's or conversation's room (the Socket.io keys of the system we replace).
export const messagesKey = (roomId: string) => `chat:${roomId}:messages` as const;
export const messagesUpdateKey = (roomId: string) => `chat:${roomId}:messages:update` as const;
/** A reaction came or went: `{ messageId, emoji, memberId, added, count, version }`. */
export const reactionsKey = (roomId: string) => `chat:${roomId}:reactions` as const;
/** Someone in the room is typing (never sent to the socket that sent the typing frame). */
export const typingKey = (roomId: string) => `chat:${roomId}:typing` as const;
/** A conversation's member changed (left the server, was kicked or banned): data is that Member, `left` true. */
export const memberKey = (roomId: string) => `chat:${roomId}:member` as const;
// Keys of a server's room (its id is the server id).
/** A server's shape changed (name, channels, members, roles): data is its ServerView, for live sidebars. */
export const serverKey = (serverId: string) => `chat:${serverId}:server` as const;
/** Who is in the voice and video channels of a server. */
export const voiceKey = (serverId: string) => `chat:${serverId}:voice` as const;
/** Who is online in a server, sent to a socket of the server's room right after it opens. */
export const presenceKey = (serverId: string) => `chat:${serverId}:presence` as const;
/** A member's first socket to the server's room opened, or their last closed. */
export const presenceUpdateKey = (serverId: string) => `chat:${serverId}:presence:update` as const;
/** A new message in a channel of the server (server room), or a new direct message to a person (their own room). */
export const activityKey = (roomId: string) => `chat:${roomId}:activity` as const;

/** Every frame a room sends: one JSON text frame `{ key, data }`. Clients ignore keys they do not know. */
export type RoomFrame =
  | { key: ReturnType<typeof messagesKey>; data: Message }
  | { key: ReturnType<typeof messagesUpdateKey>; data: Message }
  | { key: ReturnType<typeof memberKey>; data: Member }
  | { key: ReturnType<typeof serverKey>; data: ServerView }
  | { key: ReturnType<typeof voiceKey>; data: VoiceParticipants }
  | { key: ReturnType<typeof reactionsKey>; data: ReactionEvent }
  | { key: ReturnType<typeof typingKey>; data: Typing }
  | { key: ReturnType<typeof presenceKey>; data: Presence }
  | { key: ReturnType<typeof presenceUpdateKey>; data: PresenceUpdate }
  | { key: ReturnType<typeof activityKey>; data: ChannelActivity | DirectActivity };

/** The data an event of this key carries: where a frame is built, the compiler checks the key and the data together. */
export type FrameData<K extends RoomFrame["key"]> = Extract<RoomFrame, { key: K }>["data"];

/**
 * The events in one text frame a room sent: a lone `{ key, data }`, or several as a JSON array in the order they
 * were sent (a room batches what is due for a socket at the same moment). Anything that is no event is left out.
 * Every client of the rooms reads frames through this.
 */
export function parseRoomFrames(text: unknown): RoomFrame[] {
  if (typeof text !== "string") return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  const isEvent = (e: unknown): e is RoomFrame => {
    const f = e as Partial<RoomFrame> | null;
    return typeof f?.key === "string" && f.data !== null && typeof f.data === "object";
  };
  return (Array.isArray(value) ? value : [value]).filter(isEvent);
}

/** What a socket may send to its room. Anything else is dropped, never echoed to others. */
export type SocketFrame = { type: "typing" };

/** The room closed the socket because its person lost access: the client must not reconnect. */
export const CLOSE_REMOVED = 4003;

/**
 * Who lost access to a room: some people, some sign-in sessions (signed out, ended from the list of devices, or
 * a password change: the sockets opened with those sessions' tickets), or everyone (the channel or server deleted).
 */
export type Removal = { profileIds: string[] } | { sessionIds: string[] } | { all: true };

/**
 * Where a message event sits in its room's commit order: its `version`, and `after`, the version of the room's
 * write before it. A room holds an event until the one it follows has gone out (see party/order.ts).
 */
export interface CommitPlace {
  version: number;
  after: number;
}
