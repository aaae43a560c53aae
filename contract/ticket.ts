// Room tickets: the worker signs `{ room, profile, session, iat, exp, kind, memberId, name }` with REALTIME_SECRET, the
// room's door verifies it before the WebSocket opens. HMAC-SHA256 over WebCrypto.
import { base64url, fromBase64url } from "./base64url";

const encoder = new TextEncoder();

export interface TicketClaims {
  room: string;
  profileId: string;
  /**
   * The sign-in session that asked for it (its id in the sessions list): a room puts out the sockets of a session
   * that ended and keeps its tickets out. A ticket without one (minted before sessions were bound) is refused.
   */
  sessionId: string;
  /** issued at, ms since the epoch: a room refuses tickets issued before the holder was removed */
  iat: number;
  /** expiry, ms since the epoch */
  exp: number;
  /**
   * What the room is and who the person is in it, found by the same query that granted the ticket, so a room knows
   * them without asking the database: its kind (a server's room sends presence, a channel's or conversation's relays
   * typing), the person's member id there (null in their own room) and their name. Absent in tickets minted
   * before these existed: such a socket only listens.
   */
  kind?: RoomKindName;
  memberId?: string | null;
  name?: string;
}

/** The four kinds of room (a room's id is the id of its channel, conversation, server or person). */
export type RoomKindName = "channel" | "conversation" | "server" | "self";
export const ROOM_KINDS: readonly RoomKindName[] = ["channel", "conversation", "server", "self"];

const keys = new Map<string, Promise<CryptoKey>>();
const hmacKey = (secret: string) => {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    keys.set(secret, key);
  }
  return key;
};

export async function signTicket(secret: string, claims: TicketClaims): Promise<string> {
  const body = base64url(encoder.encode(JSON.stringify(claims)));
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(body)));
  return `${body}.${base64url(mac)}`;
}

/** The claims of a ticket this secret signed and that has not expired; undefined for anything else. */
export async function verifyTicket(secret: string, ticket: string, now = Date.now()): Promise<TicketClaims | undefined> {
  const [body, mac, extra] = ticket.split(".");
  if (!body || !mac || extra !== undefined || ticket.length > 2048) return undefined;
  try {
    const ok = await crypto.subtle.verify("HMAC", await hmacKey(secret), fromBase64url(mac), encoder.encode(body));
    if (!ok) return undefined;
    const claims = JSON.parse(new TextDecoder().decode(fromBase64url(body))) as TicketClaims;
    if (typeof claims.room !== "string" || typeof claims.profileId !== "string" || typeof claims.sessionId !== "string" || typeof claims.exp !== "number") return undefined;
    if (claims.kind !== undefined && !ROOM_KINDS.includes(claims.kind)) return undefined;
    if ((claims.memberId != null && typeof claims.memberId !== "string") || (claims.name !== undefined && typeof claims.name !== "string")) return undefined;
    return claims.exp > now ? claims : undefined;
  } catch {
    return undefined;
  }
}
