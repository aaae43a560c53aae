// One room per channel or conversation. The worker is the only writer: it POSTs each event after the database
// committed it, and the room fans it out to every socket. A room keeps no history; clients catch up over HTTP.
import type * as Party from "partykit/server";
import * as v from "valibot";
import { CLOSE_REMOVED, RoomNotice, verifyTicket } from "../contract";

const PROFILE_HEADER = "x-edgecord-profile";
const ISSUED_HEADER = "x-edgecord-ticket-iat";
/** set by the worker (worker/realtime.ts): the version of the room's write before this event's */
const AFTER_HEADER = "x-edgecord-after";
/** how long an event waits for a predecessor that has not arrived; longer only if that notification was lost */
const HOLD_MS = 1000;

function secretOf(env: Record<string, unknown>): string {
  const secret = env.REALTIME_SECRET;
  if (typeof secret !== "string" || !secret) throw new Error("REALTIME_SECRET is not set for the party");
  return secret;
}

function sameSecret(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

const text = (status: number, body: string) => new Response(body, { status, headers: { "content-type": "text/plain" } });

export default class ChatRoom implements Party.Server {
  // hibernation lets one room hold tens of thousands of idle sockets in production
  static options = { hibernate: true };

  constructor(readonly room: Party.Room) {}

  // Notifications can overtake each other on the way here (two requests, two isolates, two connections), but each
  // names the write before it, so events go out in the order the database committed them. Kept in memory only:
  // a room that restarts sends its first event at once and orders from there.
  /** version of the newest event sent; undefined until the first */
  private sent?: number;
  /** events whose predecessor has not been sent yet, keyed by the version they follow */
  private held = new Map<number, { version: number; frame: string }>();
  private holdTimer?: ReturnType<typeof setTimeout>;

  private send(frame: string, version: number) {
    this.room.broadcast(frame);
    this.sent = Math.max(this.sent ?? 0, version);
  }

  /** Sends the event now if nothing it follows is missing, then whatever was waiting for it. */
  private ordered(frame: string, version: number, after: number) {
    if (this.sent !== undefined && after > this.sent) {
      this.held.set(after, { version, frame });
      this.holdTimer ??= setTimeout(() => this.release(), HOLD_MS);
      return;
    }
    this.send(frame, version);
    for (let next = this.readyHeld(); next; next = this.readyHeld()) this.send(next.frame, next.version);
    if (this.held.size === 0 && this.holdTimer) {
      clearTimeout(this.holdTimer);
      this.holdTimer = undefined;
    }
  }

  /** The held event (lowest version first) whose predecessor has been sent, removed from the hold. */
  private readyHeld() {
    let found: [number, { version: number; frame: string }] | undefined;
    for (const entry of this.held) if (entry[0] <= this.sent! && (!found || entry[1].version < found[1].version)) found = entry;
    if (found) this.held.delete(found[0]);
    return found?.[1];
  }

  /** A predecessor never came (its notification failed; clients catch up over HTTP): send what waited, in order. */
  private release() {
    this.holdTimer = undefined;
    const waiting = [...this.held.values()].sort((a, b) => a.version - b.version);
    this.held.clear();
    for (const e of waiting) this.send(e.frame, e.version);
  }

  /** Runs at the edge before the room is touched: only a valid ticket for this very room gets in. */
  static async onBeforeConnect(req: Party.Request, lobby: Party.Lobby) {
    const ticket = new URL(req.url).searchParams.get("ticket");
    if (!ticket) return text(401, "Missing ticket");
    const claims = await verifyTicket(secretOf(lobby.env), ticket);
    if (!claims) return text(401, "Invalid or expired ticket");
    if (claims.room !== lobby.id) return text(403, "This ticket is for another room");
    req.headers.set(PROFILE_HEADER, claims.profileId);
    req.headers.set(ISSUED_HEADER, String(claims.iat));
    return req;
  }

  /** The profile id tags the socket, so a removed person's sockets can be found and closed. */
  getConnectionTags(_conn: Party.Connection, ctx: Party.ConnectionContext) {
    return [ctx.request.headers.get(PROFILE_HEADER) ?? "unknown"];
  }

  async onConnect(conn: Party.Connection, ctx: Party.ConnectionContext) {
    const profileId = ctx.request.headers.get(PROFILE_HEADER) ?? "";
    const issuedAt = Number(ctx.request.headers.get(ISSUED_HEADER) ?? 0);
    // a ticket minted before the person was removed must not let them back in while it lasts
    // (`removed:*` is when everyone was put out: the channel or the server was deleted)
    const removed = await this.room.storage.get<number>([`removed:${profileId}`, "removed:*"]);
    if ([...removed.values()].some((removedAt) => issuedAt <= removedAt)) conn.close(CLOSE_REMOVED, "No longer a member");
  }

  /** Clients only listen. Whatever a socket sends is dropped, never echoed to others. */
  onMessage() {}

  async onRequest(req: Party.Request) {
    if (req.method !== "POST") return text(405, "Method not allowed");
    const auth = req.headers.get("authorization") ?? "";
    if (!sameSecret(auth, `Bearer ${secretOf(this.room.env)}`)) return text(401, "Unauthorized");
    let notice: RoomNotice;
    try {
      notice = v.parse(RoomNotice, await req.json());
    } catch {
      return text(400, "Expected { key, data } or { close }");
    }
    if ("key" in notice) {
      if (!notice.key.startsWith(`chat:${this.room.id}:`)) return text(400, "The key is not for this room");
      // stringified once for every socket in the room
      const frame = JSON.stringify({ key: notice.key, data: notice.data });
      const after = req.headers.get(AFTER_HEADER);
      const version = notice.data.version;
      if (after && /^\d{1,15}$/.test(after) && typeof version === "number") this.ordered(frame, version, Number(after));
      else this.room.broadcast(frame);
      return text(200, "ok");
    }
    const now = Date.now();
    const targets = notice.close.all ? [...this.room.getConnections()] : (notice.close.profileIds ?? []).flatMap((id) => [...this.room.getConnections(id)]);
    for (const id of notice.close.profileIds ?? []) await this.room.storage.put(`removed:${id}`, now);
    if (notice.close.all) await this.room.storage.put("removed:*", now);
    for (const conn of targets) conn.close(CLOSE_REMOVED, "No longer a member");
    return text(200, `closed ${targets.length}`);
  }
}
