// The shapes on the wire (docs/API.md), shared by worker, party and web.
export type Role = "ADMIN" | "MODERATOR" | "GUEST";
export type ChannelType = "TEXT" | "AUDIO" | "VIDEO";

export interface PublicProfile { id: string; name: string; imageUrl: string | null }
export interface OwnProfile extends PublicProfile { email: string }

export interface Server {
  id: string; name: string; imageUrl: string | null; inviteCode: string; profileId: string;
  createdAt: string; updatedAt: string;
  /** when the current invite code stops working, or null: never */
  inviteExpiresAt: string | null;
  /** joins the current code allows; 0: no limit */
  inviteMaxUses: number;
  /** joins through the current code */
  inviteUses: number;
}
export interface Channel {
  id: string; name: string; type: ChannelType; serverId: string; profileId: string;
  createdAt: string; updatedAt: string;
}
export interface Member {
  id: string; role: Role; serverId: string; profileId: string; createdAt: string; updatedAt: string;
  profile: PublicProfile;
  /** a former member (left, kicked or banned): still the author of their messages, granted nothing */
  left: boolean;
}
export interface ServerView extends Server { channels: Channel[]; members: Member[] }
export interface Conversation { id: string; memberOne: Member; memberTwo: Member }

export interface Message {
  id: string; content: string; fileUrl: string | null; deleted: boolean;
  channelId?: string; conversationId?: string;
  memberId: string; member: Member; nonce: string | null; version: number;
  createdAt: string; updatedAt: string;
}
export interface Page<T> { items: T[]; nextCursor: string | null }

export interface AuthResult { profile: OwnProfile; token: string }
export interface AppConfig { partykitHost: string; livekitUrl: string }
export interface Ticket { host: string; party: string; room: string; ticket: string; expiresAt: string }

/** One frame a room sends: `{ key, data }`. */
export interface RoomEvent<T = Message> { key: string; data: T }
export interface ApiError { error: string }
/** A 429's body; the answer also carries `Retry-After` with the same whole seconds. */
export interface RateLimited extends ApiError { retryAfter: number }

/** Someone banned from a server: `GET /api/servers/:serverId/bans`, `PUT …/bans/:profileId`. */
export interface Ban { profile: PublicProfile; reason: string | null; createdAt: string }

/** What an invite leads to, before joining: `GET /api/invite/:inviteCode`. */
export interface InvitePreview {
  server: { id: string; name: string; imageUrl: string | null };
  memberCount: number;
  /** the caller is already a member */
  member: boolean;
  expiresAt: string | null;
}

/** `POST /api/uploads`: the stored file; `url` is what a message's `fileUrl` or a server's `imageUrl` takes. */
export interface UploadResult { url: string; name: string; type: string; size: number }

/** `GET /api/livekit` */
export interface CallToken { token: string }
/** Who is in each AUDIO and VIDEO channel of a server, by channel id: `GET /api/livekit/participants`, and the
 * data of the `chat:<serverId>:voice` event. */
export type VoiceParticipants = Record<string, PublicProfile[]>;
