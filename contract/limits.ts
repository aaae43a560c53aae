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
