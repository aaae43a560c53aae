// A room: one PartyServer Durable Object per channel, conversation, server and person, inside the worker. Only the
// worker makes it speak, through RPC on its binding after the database committed (worker/realtime/). A room
// keeps no history; clients catch up over HTTP. Sockets arrive with a ticket checked at the door
// (worker/realtime/door.ts) and are trusted for the ticket's lifetime; then the room asks the database again, so
// access never hangs on one notice getting through. Two things come from the sockets themselves: a channel's or
// conversation's room relays typing, and a server's room says who is online (a socket open to it).
import { Server } from "partyserver";
import type { Connection, ConnectionContext } from "partyserver";
import { CLOSE_REMOVED, presenceKey, presenceUpdateKey, TICKET_SECONDS, typingKey } from "../contract";
import type { CommitPlace, Presence, PresenceUpdate, Removal, RoomKindName, Typing } from "../contract";
import { CommitOrder } from "./order";
import { identityOf, onlineOf, parseSocketFrame, typingDue } from "./awareness";
import { ROOM_HEADERS } from "./headers";

/** The settings a room reads; the worker's bindings have them among others. */
export interface RoomEnv {
  /** seconds a room trusts a socket before it asks again whether its person may stay (default: a ticket's lifetime) */
  REALTIME_RECHECK_SECONDS?: string;
}

/** How long an event waits for a predecessor that has not arrived; longer only if that notice was lost. */
const HOLD_MS = 1000;
/** When the database cannot be asked, the room keeps its sockets and asks again this much later. */
const RETRY_CHECK_MS = 30_000;

/**
 * Kept on the socket itself (its attachment), so a room that wakes from hibernation still knows who each socket is
 * and who is online. A socket has a state once it is let in.
 */
interface SocketState {
  profileId: string;
  /** when the room asks the database again whether this person may still be here (ms since the epoch) */
  checkAt: number;
  /** from the ticket: the room's kind, the person's member id here and name (absent for an older ticket) */
  kind?: RoomKindName;
  memberId?: string;
  name?: string;
  /** when this socket's typing was last relayed: the throttle is per person, over all their sockets here */
  typedAt?: number;
  /** its going was already told (a removal, or a close after an error): it tells nobody twice */
  gone?: boolean;
}

const frame = <T>(key: string, data: T) => JSON.stringify({ key, data });

/**
 * The room, less the one thing it must ask outside itself: who may be here. The worker's subclass answers that from
 * the database (worker/realtime/chat-room.ts, the class wrangler.toml names), so the room never imports the worker.
 */
export abstract class Room<Env extends RoomEnv = RoomEnv> extends Server<Env> {
  // hibernation: an idle room holds its sockets without being in memory, and wakes for a notice or a frame
  static options = { hibernate: true };

  // in memory only: a room that wakes from hibernation lets its first event out at once and orders from there
  #order = new CommitOrder<string>();
  #holdTimer?: ReturnType<typeof setTimeout>;

  /** How long a socket is trusted before the room re-checks its person's access: the ticket's lifetime. */
  get #recheckMs() {
    const seconds = Number(this.env.REALTIME_RECHECK_SECONDS);
    return (Number.isFinite(seconds) && seconds > 0 ? seconds : TICKET_SECONDS) * 1000;
  }

  // ---- RPC, called by the worker only (worker/realtime/index.ts) ----

  /** Sends a ready `{ key, data }` frame to every socket; message events leave in the order they committed. */
  publish(frame: string, place?: CommitPlace): void {
    this.#send(place ? this.#order.push(frame, place) : [frame]);
    if (this.#order.waiting > 0) this.#holdTimer ??= setTimeout(() => this.#release(), HOLD_MS);
    else if (this.#holdTimer) {
      clearTimeout(this.#holdTimer);
      this.#holdTimer = undefined;
    }
  }

  /**
   * Puts out people who lost access (or everyone), and keeps tickets issued before now out. In a server's room, a
   * person put out is offline from now: the others hear it here, not from the close, which may come late or never.
   */
  async remove(removal: Removal): Promise<number> {
    const now = Date.now();
    const keys = "all" in removal ? ["removed:*"] : removal.profileIds.map((id) => `removed:${id}`);
    await this.ctx.storage.put(Object.fromEntries(keys.map((k) => [k, now])));
    const targets = "all" in removal ? [...this.getConnections<SocketState>()] : removal.profileIds.flatMap((id) => [...this.getConnections<SocketState>(id)]);
    const leaving = new Set<string>();
    for (const conn of targets) {
      const state = conn.state;
      if (state?.kind !== "server" || state.gone) continue;
      leaving.add(state.profileId);
      conn.setState({ ...state, gone: true });
    }
    for (const conn of targets) conn.close(CLOSE_REMOVED, "No longer a member");
    // everyone put out (the server was deleted): nobody is left to tell
    if (!("all" in removal)) for (const profileId of leaving) this.#wentOffline(profileId);
    return targets.length;
  }

  /** Who is online: the people with a socket open here (asked of a server's room, `GET …/presence`). */
  online(): string[] {
    return onlineOf(this.#states());
  }

  // ---- sockets ----

  getConnectionTags(_conn: Connection, ctx: ConnectionContext): string[] {
    return [ctx.request.headers.get(ROOM_HEADERS.profile) ?? "unknown"];
  }

  async onConnect(conn: Connection<SocketState>, ctx: ConnectionContext) {
    const profileId = ctx.request.headers.get(ROOM_HEADERS.profile) ?? "";
    const issuedAt = Number(ctx.request.headers.get(ROOM_HEADERS.issuedAt) ?? 0);
    // a ticket minted before its person was removed (or everyone: the channel or server was deleted) is spent;
    // the socket opens and closes at once with 4003, which tells partysocket not to try again
    const removed = await this.ctx.storage.get<number>([`removed:${profileId}`, "removed:*"]);
    if ([...removed.values()].some((removedAt) => issuedAt <= removedAt)) return conn.close(CLOSE_REMOVED, "No longer a member");
    let checkAt = issuedAt + this.#recheckMs;
    if (checkAt <= Date.now()) {
      // a ticket older than the trust it buys (still valid, but past its re-check): ask the database now
      if (!(await this.#mayStay([profileId])).has(profileId)) return conn.close(CLOSE_REMOVED, "No longer a member");
      checkAt = Date.now() + this.#recheckMs;
    }
    // let in: from here the socket counts (presence, typing); nothing awaited until the others are told
    const state: SocketState = { profileId, checkAt, ...identityOf(ctx.request.headers) };
    conn.setState(state);
    if (state.kind === "server") this.#arrived(conn, profileId);
    await this.#checkNoLaterThan(checkAt);
  }

  /**
   * A socket may send one thing: `{"type":"typing"}` in a channel's or conversation's room, relayed to the room's
   * other sockets at most once per TYPING_INTERVAL_MS per person. Anything else is dropped, never echoed.
   */
  onMessage(conn: Connection<SocketState>, message: string | ArrayBuffer) {
    if (parseSocketFrame(message)?.type !== "typing") return;
    const state = conn.state;
    if (!state?.memberId || !state.name || (state.kind !== "channel" && state.kind !== "conversation")) return;
    const now = Date.now();
    let last = 0;
    for (const other of this.getConnections<SocketState>(state.profileId)) last = Math.max(last, other.state?.typedAt ?? 0);
    if (!typingDue(last, now)) return;
    conn.setState({ ...state, typedAt: now });
    const data: Typing = { profileId: state.profileId, memberId: state.memberId, name: state.name };
    this.#send([frame(typingKey(this.name), data)], conn);
  }

  onClose(conn: Connection<SocketState>) {
    this.#left(conn);
  }

  onError(conn: Connection<SocketState>) {
    this.#left(conn);
  }

  /** Never reached from outside: the door refuses every plain HTTP request. */
  onRequest() {
    return new Response("Not found", { status: 404 });
  }

  /** The re-check: everyone whose trust ran out is asked about in one query; who lost access is put out. */
  async onAlarm() {
    const now = Date.now();
    const due = new Map<string, Connection<SocketState>[]>();
    let next = Infinity;
    for (const conn of this.getConnections<SocketState>()) {
      const state = conn.state;
      if (!state) continue;
      if (state.checkAt <= now + 1000) due.set(state.profileId, [...(due.get(state.profileId) ?? []), conn]);
      else next = Math.min(next, state.checkAt);
    }
    if (due.size > 0) {
      let allowed: Set<string> | undefined;
      try {
        allowed = await this.#mayStay([...due.keys()]);
      } catch (err) {
        console.warn(`room ${this.name}: access re-check failed, trying again later:`, (err as Error).message);
        next = Math.min(next, now + RETRY_CHECK_MS);
      }
      if (allowed) {
        const lost = [...due.keys()].filter((id) => !allowed.has(id));
        if (lost.length) await this.remove({ profileIds: lost });
        const checkAt = Date.now() + this.#recheckMs;
        for (const id of allowed) for (const conn of due.get(id) ?? []) conn.setState({ ...conn.state, profileId: id, checkAt });
        if (allowed.size) next = Math.min(next, checkAt);
      }
    }
    this.#alarmAt = undefined;
    if (next < Infinity) await this.#checkNoLaterThan(next);
  }

  // ---- inside ----

  /** Sends each frame to every open socket (but `except`), as a plain loop over the hibernation API's sockets. */
  #send(frames: string[], except?: WebSocket) {
    if (frames.length === 0) return;
    const sockets = this.ctx.getWebSockets();
    for (const frame of frames)
      for (const ws of sockets) {
        if (ws === except) continue;
        try {
          ws.send(frame);
        } catch {
          // closing or closed: its close handler is on its way
        }
      }
  }

  // ---- presence (a server's room): derived from the open sockets and their states, never from memory ----

  /** The states of the sockets let in and open (closing ones are not open). */
  *#states(profileId?: string) {
    for (const conn of this.getConnections<SocketState>(profileId)) if (conn.state) yield conn.state;
  }

  /** A member's socket was let in: it hears who is online; the others hear of them if it is their first. */
  #arrived(conn: Connection<SocketState>, profileId: string) {
    const data: Presence = { online: this.online() };
    conn.send(frame(presenceKey(this.name), data));
    let sockets = 0;
    for (const state of this.#states(profileId)) if (!state.gone) sockets++;
    if (sockets === 1) this.#send([frame(presenceUpdateKey(this.name), { profileId, online: true } satisfies PresenceUpdate)], conn);
  }

  /** A socket of a server's room closed or failed: if it was its person's last here, they went offline. */
  #left(conn: Connection<SocketState>) {
    const state = conn.state;
    if (state?.kind !== "server" || state.gone) return;
    try {
      conn.setState({ ...state, gone: true });
    } catch {
      // a closed socket may refuse a new attachment; it is no longer open either way
    }
    this.#wentOffline(state.profileId);
  }

  #wentOffline(profileId: string) {
    for (const state of this.#states(profileId)) if (!state.gone) return;
    this.#send([frame(presenceUpdateKey(this.name), { profileId, online: false } satisfies PresenceUpdate)]);
  }

  /** A predecessor never came (its notice failed; clients catch up over HTTP): let what waited go, in order. */
  #release() {
    this.#holdTimer = undefined;
    this.#send(this.#order.release());
  }

  /** Of these people, the ones who may be in this room now (a ticket's rule, asked again); may throw when it cannot tell. */
  protected abstract mayEnter(profileIds: string[]): Promise<Set<string>>;

  #mayStay(profileIds: string[]) {
    return this.mayEnter(profileIds);
  }

  /** the alarm set, as far as this instance knows (undefined: ask storage) */
  #alarmAt?: number;

  async #checkNoLaterThan(at: number) {
    this.#alarmAt ??= (await this.ctx.storage.getAlarm()) ?? Infinity;
    if (at >= this.#alarmAt) return;
    this.#alarmAt = at;
    await this.ctx.storage.setAlarm(at);
  }
}
