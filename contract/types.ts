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
  /** how long a GUEST waits between two messages here; 0: no slowmode */
  slowmodeSeconds: number;
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
  /** `updatedAt` differs from `createdAt` only after an edit that changed the content, or a delete */
  createdAt: string; updatedAt: string;
  /** the message this one answers, as it is now (a deleted one with its deleted content), or null */
  replyTo: MessageRef | null;
  /** ids of the current members its `<@memberId>` mentions name, once each, in order of first appearance */
  mentions: string[];
  /** `@everyone`, from an ADMIN or MODERATOR in a channel */
  mentionEveryone: boolean;
  /** emoji in order of their first reaction; `me` is always false in room frames */
  reactions: Reaction[];
  pinned: boolean;
  /** link previews, filled after the message was answered (a `:messages:update` brings them) */
  embeds: Embed[];
}
/** A link's preview; `imageUrl` is a file kept by the worker (/api/files/…), never an outside address. */
export interface Embed { url: string; title: string | null; description: string | null; siteName: string | null; imageUrl: string | null }
export interface MessageRef { id: string; content: string; fileUrl: string | null; deleted: boolean; memberId: string; member: Member }
export interface Reaction { emoji: string; count: number; me: boolean }
/** The data of `chat:{roomId}:reactions`. */
export interface ReactionEvent { messageId: string; emoji: string; memberId: string; added: boolean; count: number; version: number }

/** How far the caller has read a channel or a conversation: `GET /api/read-states`, `PUT /api/read-states/:roomId`. */
export interface ReadState {
  roomId: string;
  /** null for a conversation */
  serverId: string | null;
  lastReadMessageId: string | null;
  /** a message by someone else, not deleted, came after the mark */
  unread: boolean;
  /** of those, the ones that mention the caller or @everyone, at most 100 */
  mentions: number;
  /** (beyond the contract) how many of those there are, at most 100: a direct conversation's badge counts them all */
  unreadCount: number;
  /** (beyond the contract) for a conversation: its server, and the other member, whom the sidebar lists */
  peer?: { serverId: string; memberId: string };
}

/** `GET /api/servers/:serverId/presence` and the data of `chat:{serverId}:presence`. */
export interface Presence { online: string[] }
export interface PresenceUpdate { profileId: string; online: boolean }
/** `chat:{roomId}:typing`'s data: who is typing. */
export interface Typing { profileId: string; memberId: string; name: string }
/** The data of `chat:{serverId}:activity`: a new message in one of the server's channels. */
export interface ChannelActivity { channelId: string; messageId: string; memberId: string; mentions: string[]; mentionEveryone: boolean }
/** The data of `chat:{profileId}:activity`: a new direct message to that person. */
export interface DirectActivity { conversationId: string; messageId: string; memberId: string }
export interface Page<T> { items: T[]; nextCursor: string | null }
/**
 * A history page around a message (`around=`) or after one (`since=`), newest first: `nextCursor` goes on to older
 * messages (with `cursor=`), `newerCursor` to newer ones (with `since=`); null when the newest message is in the page.
 */
export interface HistoryPage extends Page<Message> { newerCursor: string | null }
/** `GET /api/search`: matches newest first, and the searched words (folded: lower case, no accents) to highlight. */
export interface SearchPage extends Page<Message> { terms: string[] }

export interface AuthResult { profile: OwnProfile; token: string }
/** One of the caller's live sign-in sessions (`GET /api/auth/sessions`): `current` is the one asking. */
export interface Session { id: string; current: boolean; createdAt: string; lastSeenAt: string; userAgent: string | null }
/** One of the caller's passkeys (`GET /api/passkeys`): `id` is the credential's id. */
export interface Passkey { id: string; name: string; createdAt: string; lastUsedAt: string | null }
/** The options of a WebAuthn ceremony, and the id of its one-time challenge to send back with the answer. */
export interface PasskeyCeremony<Options = Record<string, unknown>> { challengeId: string; options: Options }
export interface AppConfig { partykitHost: string; livekitUrl: string }
export interface Ticket { host: string; party: string; room: string; ticket: string; expiresAt: string }

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

/** What the audit log names: a moderation act, a change to the server or its channels, a pin. */
export type AuditAction =
  | "member.kick" | "member.ban" | "member.unban" | "member.role"
  | "channel.create" | "channel.update" | "channel.delete"
  | "server.update" | "invite.renew"
  | "message.pin" | "message.unpin" | "message.delete";
/** `GET /api/servers/:serverId/audit-log`: who did what to whom (`targetId`: a member, profile, channel or message). */
export interface AuditEntry {
  id: string; action: AuditAction; actor: PublicProfile; targetId: string | null; reason: string | null; createdAt: string;
  /** (beyond the contract) the target's name now: a member's or profile's name, a channel's; null for a message or one gone */
  targetName: string | null;
}

export type NotificationLevel = "all" | "mentions" | "none";
/** `GET /api/notification-settings`, `PUT /api/notification-settings/:roomId`. */
export interface NotificationSetting { roomId: string; level: NotificationLevel }
