// Limits enforced by the worker (and mirrored by the client for early feedback).
export const MAX_JSON_BODY_BYTES = 64 * 1024;
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
export const PROFILE_NAME_MAX = 64;
export const SERVER_NAME_MAX = 100;
export const CHANNEL_NAME_MAX = 100;
export const MESSAGE_MAX = 2000;
export const NONCE_MAX = 64;
export const PAGE_DEFAULT = 10;
export const PAGE_MAX = 100;
export const CATCH_UP_MAX = 100;
export const DELETED_CONTENT = "This message has been deleted.";
export const RESERVED_CHANNEL = "general";
export const SESSION_DAYS = 30;
export const TICKET_SECONDS = 300;
/** A person is in at most this many servers (owned and joined). */
export const SERVERS_PER_PERSON_MAX = 100;
export const CHANNELS_PER_SERVER_MAX = 500;
export const INVITE_MAX_AGE_SECONDS = 604_800;
export const INVITE_MAX_USES = 100;
export const BAN_REASON_MAX = 512;
/** The default rate limits, `<count>/<seconds>`; each is a setting of the same name (README). */
export const RATE_LIMITS = {
  /** messages per member in one channel or conversation */
  RATE_LIMIT_MESSAGES: "5/5",
  /** messages per person across all rooms */
  RATE_LIMIT_MESSAGES_PERSON: "10/5",
  /** reaction changes per member per room */
  RATE_LIMIT_REACTIONS: "10/5",
  /** edits and deletes per member per room */
  RATE_LIMIT_EDITS: "5/5",
  /** failed sign-ins per e-mail and client address */
  RATE_LIMIT_SIGN_IN: "5/900",
  /** failed sign-ins per e-mail from all addresses together */
  RATE_LIMIT_SIGN_IN_EMAIL: "50/900",
  /** failed sign-ins per client address over all e-mails */
  RATE_LIMIT_SIGN_IN_ADDRESS: "20/900",
  /** sign-ups per client address */
  RATE_LIMIT_SIGN_UP: "5/3600",
  /** uploads per person */
  RATE_LIMIT_UPLOADS: "10/60",
  /** searches per person */
  RATE_LIMIT_SEARCH: "10/10",
  /** room tickets per person */
  RATE_LIMIT_TICKETS: "30/10",
} as const;
/** Different emoji on one message. */
export const REACTIONS_PER_MESSAGE_MAX = 20;
/** An emoji in a reaction's path, in UTF-8 bytes. */
export const EMOJI_MAX_BYTES = 64;
/** Mentions counted per room in a read state. */
export const READ_STATE_MENTIONS_MAX = 100;
export const SEARCH_QUERY_MAX = 200;
export const SEARCH_PAGE_DEFAULT = 25;
export const SEARCH_PAGE_MAX = 100;
/** A room relays one person's typing at most this often. */
export const TYPING_INTERVAL_MS = 2_000;
/** How long a client shows "… is typing" without a new typing frame. */
export const TYPING_SHOWN_MS = 8_000;
/** Pinned messages in one channel or conversation. */
export const PINS_MAX = 50;
/** A channel's slowmode, at most 6 hours. */
export const SLOWMODE_MAX_SECONDS = 21_600;
/** The slowmode choices the channel dialog offers, as Discord does. */
export const SLOWMODE_CHOICES = [0, 5, 10, 30, 60, 300, 900, 3600, 21_600] as const;
export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 100;
