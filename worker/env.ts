// The worker's bindings (wrangler vars, secrets, R2) and the per-request variables middleware sets. Types only,
// imported by nearly every worker file: it imports types alone, and nothing that imports it back.
import type { OwnProfile } from "../contract";
import type { Room } from "../party/room";
import type { Db } from "./db/client";

export interface Bindings {
  DATABASE_URL: string;
  DATABASE_AUTH_TOKEN?: string;
  /** signs room tickets, which the rooms' door checks */
  REALTIME_SECRET?: string;
  /** seconds a room trusts a socket before it asks the database again (default: a ticket's lifetime) */
  REALTIME_RECHECK_SECONDS?: string;
  /** sockets one room object holds before it spreads the rest over relay objects (party/relays.ts; default 5,000) */
  ROOM_RELAY_SOCKETS?: string;
  LIVEKIT_URL?: string;
  LIVEKIT_API_KEY?: string;
  LIVEKIT_API_SECRET?: string;
  /** rate limits, `<count>/<seconds>` (worker/limits.ts; defaults and meanings in contract/limits.ts) */
  RATE_LIMIT_MESSAGES?: string;
  RATE_LIMIT_MESSAGES_PERSON?: string;
  RATE_LIMIT_REACTIONS?: string;
  RATE_LIMIT_EDITS?: string;
  RATE_LIMIT_SIGN_IN?: string;
  RATE_LIMIT_SIGN_IN_EMAIL?: string;
  RATE_LIMIT_SIGN_IN_ADDRESS?: string;
  RATE_LIMIT_SIGN_UP?: string;
  RATE_LIMIT_UPLOADS?: string;
  RATE_LIMIT_SEARCH?: string;
  RATE_LIMIT_TICKETS?: string;
  /** `host:port` pairs, comma-separated, whose links are previewed even though they are not public (tests) */
  LINK_PREVIEW_ALLOW?: string;
  /** extra origins, comma-separated, allowed to make cookie-authenticated writes */
  ALLOWED_ORIGINS?: string;
  FILES: R2Bucket;
  /** the rooms (worker/realtime/chat-room.ts), party `main`: their RPC is the room's own (party/room.ts) */
  Main: DurableObjectNamespace<Room>;
}

export interface Variables {
  db: Db;
  profile: OwnProfile;
  /** set when the session came from the cookie rather than a bearer token */
  cookieAuth: boolean;
  sessionId: string;
}

export type AppEnv = { Bindings: Bindings; Variables: Variables };
