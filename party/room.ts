// A room: one PartyServer Durable Object per channel, conversation, server and person, inside the worker. Only the
// worker makes it speak, through RPC on its binding after the database committed (worker/realtime/). A room
// keeps no history; clients catch up over HTTP. Sockets arrive with a ticket checked at the door
// (worker/realtime/door.ts) and are trusted for the ticket's lifetime; then the room asks the database again, so
// access never hangs on one notice getting through. Two things come from the sockets themselves: a channel's or
// conversation's room relays typing, and a server's room says who is online (a socket open to it). A room past
// ROOM_RELAY_SOCKETS sockets spreads them over relay objects of this same class (party/relays.ts): its own object,
// the root, orders, paces and places, and hands every event on; a relay sends to its sockets and tells the root
// what its sockets do (typing, presence, leaving).
import { Server } from "partyserver";
import type { Connection, ConnectionContext } from "partyserver";
import { CLOSE_REMOVED, presenceKey, presenceUpdateKey, TICKET_SECONDS, typingKey } from "../contract";
import type { CommitPlace, Presence, PresenceUpdate, Removal, RoomKindName, Typing } from "../contract";
import { CommitOrder } from "./order";
import { identityOf, onlineOf, parseSocketFrame, typingDue } from "./awareness";
import { ROOM_HEADERS } from "./headers";
import { Pacer } from "./outbox";
import { Sender } from "./sender";
import { RelayBook } from "./relay-book";
import { relayIndex, relayName, RelayLinks, relayThreshold, rootOf } from "./relays";

/** The settings a room reads; the worker's bindings have them among others. */
export interface RoomEnv {
  /** seconds a room trusts a socket before it asks again whether its person may stay (default: a ticket's lifetime) */
  REALTIME_RECHECK_SECONDS?: string;
  /** sockets one room object holds before it spreads the rest over relay objects (party/relays.ts; default 5,000) */
  ROOM_RELAY_SOCKETS?: string;
  /** the rooms' own namespace: a root reaches its relays, and a relay its root, through it */
  Main: DurableObjectNamespace<Room>;
}

/** How long an event waits for a predecessor that has not arrived; longer only if that notice was lost. */
const HOLD_MS = 1000;
/** When the database cannot be asked, the room keeps its sockets and asks again this much later. */
const RETRY_CHECK_MS = 30_000;
/** A server's activity events leave at most this often, batched (the contract's "at most once a second"). */
const PASSIVE_MS = 1000;


/**
 * Kept on the socket itself (its attachment), so a room that wakes from hibernation still knows who each socket is
 * and who is online. A socket has a state once it is let in.
 */
interface SocketState {
  profileId: string;
  /** the sign-in session whose ticket opened it: when that session ends, the socket goes (absent: an older socket) */
  sessionId?: string;
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

  /** a root's relays: how full each is (read before any event is handled), and one ordered link to each */
  #book = new RelayBook(this.ctx.storage);
  #links = new RelayLinks(
    (k) => this.#stub(relayName(this.name, k)),
    (k, err) => console.warn(`room ${this.name}: relay ${k} missed events (its clients catch up):`, (err as Error).message),
  );

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void ctx.blockConcurrencyWhile(async () => void (await this.#book.counts()));
  }

  /** sockets this root placed on itself that have not connected yet (memory only: a wake starts from none) */
  #coming = 0;
  /** a relay's sockets whose going its root was told of */
  #counted = new WeakSet<WebSocket>();

  /** the room this object serves: itself, or the room it is a relay of */
  get #room() {
    return rootOf(this.name);
  }

  /** this relay's index, or undefined for a root */
  get #relay() {
    return relayIndex(this.name);
  }

  #stub(name: string): DurableObjectStub<Room> {
    return this.env.Main.get(this.env.Main.idFromName(name));
  }

  /** Tells this relay's root something; a root that cannot be told is told nothing (its next re-check sets it right). */
  #toRoot(tell: (root: DurableObjectStub<Room>) => Promise<unknown>) {
    tell(this.#stub(this.#room)).catch((err: Error) => console.warn(`relay ${this.name}: root not told:`, err.message));
  }

  /** Every event of the room goes out here: to this object's sockets (but `except`), and from a root to its relays (but `from`). */
  #emit(frames: string[], except?: WebSocket, from?: number) {
    this.#send(frames, except);
    if (this.#relay === undefined) for (const k of this.#book.live()) if (k !== from) this.#links.send(k, frames);
  }

  // in memory only: a room that wakes from hibernation lets its first event out at once and orders from there
  #order = new CommitOrder<string>();
  #holdTimer?: ReturnType<typeof setTimeout>;
  /** every frame to this object's own sockets leaves through here, batched */
  #sender = new Sender(() => this.ctx.getWebSockets());
  /** a server's activity events, paced; the timer that lets the held ones out */
  #passive = new Pacer(PASSIVE_MS);
  #passiveTimer?: ReturnType<typeof setTimeout>;

  /** How long a socket is trusted before the room re-checks its person's access: the ticket's lifetime. */
  get #recheckMs() {
    const seconds = Number(this.env.REALTIME_RECHECK_SECONDS);
    return (Number.isFinite(seconds) && seconds > 0 ? seconds : TICKET_SECONDS) * 1000;
  }

  // ---- RPC, called by the worker only (worker/realtime/index.ts) ----

  /** Sends a ready `{ key, data }` frame to every socket; message events leave in the order they committed. */
  publish(frame: string, place?: CommitPlace): void {
    this.#emit(place ? this.#order.push(frame, place) : [frame]);
    if (this.#order.waiting > 0) this.#holdTimer ??= setTimeout(() => this.#release(), HOLD_MS);
    else if (this.#holdTimer) {
      clearTimeout(this.#holdTimer);
      this.#holdTimer = undefined;
    }
  }

  /**
   * Sends a server's activity event (a new message somewhere in it, for unread badges): at most once a second per
   * room, whatever came in between as one frame. Badges and mention counts stay exact: every event arrives, later.
   */
  publishPassive(frame: string): void {
    const { send, wakeAt } = this.#passive.push(frame, Date.now());
    this.#emit(send);
    if (wakeAt !== undefined && !this.#passiveTimer)
      this.#passiveTimer = setTimeout(() => {
        this.#passiveTimer = undefined;
        this.#emit(this.#passive.take(Date.now()));
      }, Math.max(0, wakeAt - Date.now()));
  }

  // ---- RPC between a root and its relays, and from the door ----

  /**
   * The door asks the room's root where a new socket goes: the root itself, or one of its relays (by name). A spent
   * ticket (issued before its person was removed) is sent to the root, which closes it with 4003.
   */
  async place(profileId: string, issuedAt: number, sessionId?: string): Promise<string> {
    if (this.#relay !== undefined || (await this.#spent(profileId, issuedAt, sessionId))) return this.name;
    // sockets placed here and still on their way count as here, so a crowd arriving at once does not all land here
    const k = await this.#book.place(profileId, relayThreshold(this.env.ROOM_RELAY_SOCKETS), this.ctx.getWebSockets().length + this.#coming);
    if (k !== "root") return relayName(this.name, k);
    this.#coming++;
    return this.name;
  }

  /** A relay's events, from its root, in the order the root let them out. */
  relay(frames: string[]): void {
    this.#send(frames);
  }

  /** Relay k lost a socket. */
  async relayLeft(k: number): Promise<void> {
    await this.#book.left(k);
  }

  /** Relay k has a person's first socket, or lost their last: online or offline over the whole room, once. */
  async relayPresence(k: number, profileId: string, online: boolean): Promise<void> {
    const { before, after } = await this.#book.mark(k, profileId, online);
    if (before === after || this.#hasOwnSocket(profileId)) return;
    this.#emit([frame(presenceUpdateKey(this.#room), { profileId, online: after } satisfies PresenceUpdate)]);
  }

  /** A typing frame from a socket of relay k: to everyone else in the room (relay k already told its own). */
  relayTyping(k: number, typing: string): void {
    this.#emit([typing], undefined, k);
  }

  /**
   * Puts out people who lost access (or everyone), and keeps tickets issued before now out. In a server's room, a
   * person put out is offline from now: the others hear it here, not from the close, which may come late or never.
   */
  async remove(removal: Removal): Promise<number> {
    const now = Date.now();
    const keys = "all" in removal ? ["removed:*"] : "sessionIds" in removal ? removal.sessionIds.map((id) => `revoked:${id}`) : removal.profileIds.map((id) => `removed:${id}`);
    await this.ctx.storage.put(Object.fromEntries(keys.map((k) => [k, now])));
    if ("sessionIds" in removal) await this.#forgetOldRevocations(now);
    const ended = "sessionIds" in removal ? new Set(removal.sessionIds) : undefined;
    const targets =
      "all" in removal
        ? [...this.getConnections<SocketState>()]
        : "sessionIds" in removal
          ? [...this.getConnections<SocketState>()].filter((conn) => conn.state?.sessionId && ended!.has(conn.state.sessionId))
          : removal.profileIds.flatMap((id) => [...this.getConnections<SocketState>(id)]);
    const leaving = new Set<string>();
    for (const conn of targets) {
      const state = conn.state;
      if (state?.kind !== "server" || state.gone) continue;
      leaving.add(state.profileId);
      conn.setState({ ...state, gone: true });
    }
    for (const conn of targets) conn.close(CLOSE_REMOVED, ended ? "Signed out" : "No longer a member");
    // everyone put out (the server was deleted): nobody is left to tell
    if (!("all" in removal)) for (const profileId of leaving) this.#wentOffline(profileId);
    if (this.#relay !== undefined) return targets.length;
    // a root puts them out of every relay too
    const counts = await Promise.all(
      this.#book.live().map((k) =>
        this.#stub(relayName(this.name, k))
          .remove(removal)
          .catch((err: Error) => (console.warn(`room ${this.name}: relay ${k} not told of a removal (its re-check will do it):`, err.message), 0)),
      ),
    );
    return counts.reduce((a, b) => a + b, targets.length);
  }

  /** Who is online: the people with a socket open here or on a relay (asked of a server's room, `GET …/presence`). */
  async online(): Promise<string[]> {
    if (this.#relay !== undefined) return this.#stub(this.#room).online();
    return [...new Set([...onlineOf(this.#states()), ...(await this.#book.onRelays())])];
  }

  // ---- sockets ----

  getConnectionTags(_conn: Connection, ctx: ConnectionContext): string[] {
    return [ctx.request.headers.get(ROOM_HEADERS.profile) ?? "unknown"];
  }

  async onConnect(conn: Connection<SocketState>, ctx: ConnectionContext) {
    const profileId = ctx.request.headers.get(ROOM_HEADERS.profile) ?? "";
    const sessionId = ctx.request.headers.get(ROOM_HEADERS.session) ?? "";
    if (this.#coming > 0) this.#coming--;
    const issuedAt = Number(ctx.request.headers.get(ROOM_HEADERS.issuedAt) ?? 0);
    // a ticket minted before its person was removed (or everyone: the channel or server was deleted), or by a
    // session that has ended since, is spent; the socket opens and closes at once with 4003, which tells
    // partysocket not to try again
    if (await this.#spent(profileId, issuedAt, sessionId)) return conn.close(CLOSE_REMOVED, "No longer a member");
    let checkAt = issuedAt + this.#recheckMs;
    if (checkAt <= Date.now()) {
      // a ticket older than the trust it buys (still valid, but past its re-check): ask the database now
      const { profiles, sessions } = await this.#mayStay([profileId], [sessionId]);
      if (!profiles.has(profileId) || !sessions.has(sessionId)) return conn.close(CLOSE_REMOVED, "No longer a member");
      checkAt = Date.now() + this.#recheckMs;
    }
    // let in: from here the socket counts (presence, typing); nothing awaited until the others are told
    const state: SocketState = { profileId, sessionId, checkAt, ...identityOf(ctx.request.headers) };
    conn.setState(state);
    if (state.kind === "server") await this.#arrived(conn, profileId);
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
    const typing = frame(typingKey(this.#room), data);
    this.#emit([typing], conn);
    const k = this.#relay;
    if (k !== undefined) this.#toRoot((root) => root.relayTyping(k, typing));
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
      let found: { profiles: Set<string>; sessions: Set<string> } | undefined;
      const sessionIds = new Set([...due.values()].flat().flatMap((conn) => (conn.state?.sessionId ? [conn.state.sessionId] : [])));
      try {
        found = await this.#mayStay([...due.keys()], [...sessionIds]);
      } catch (err) {
        console.warn(`room ${this.name}: access re-check failed, trying again later:`, (err as Error).message);
        next = Math.min(next, now + RETRY_CHECK_MS);
      }
      if (found) {
        const allowed = found.profiles;
        const lost = [...due.keys()].filter((id) => !allowed.has(id));
        if (lost.length) await this.remove({ profileIds: lost });
        // a session that ended without this room hearing of it (the notice was lost): its sockets go now
        const ended = [...sessionIds].filter((id) => !found.sessions.has(id));
        if (ended.length) await this.remove({ sessionIds: ended });
        const checkAt = Date.now() + this.#recheckMs;
        for (const id of allowed)
          for (const conn of due.get(id) ?? []) if (!conn.state?.sessionId || found.sessions.has(conn.state.sessionId)) conn.setState({ ...conn.state!, profileId: id, checkAt });
        if (allowed.size) next = Math.min(next, checkAt);
      }
    }
    this.#alarmAt = undefined;
    if (next < Infinity) await this.#checkNoLaterThan(next);
  }

  // ---- inside ----

  #send(frames: string[], except?: WebSocket) {
    this.#sender.send(frames, except);
  }

  // ---- presence (a server's room): derived from the open sockets and their states, never from memory ----

  /** The states of the sockets let in and open (closing ones are not open). */
  *#states(profileId?: string) {
    for (const conn of this.getConnections<SocketState>(profileId)) if (conn.state) yield conn.state;
  }

  #hasOwnSocket(profileId: string) {
    for (const state of this.#states(profileId)) if (!state.gone) return true;
    return false;
  }

  /** A member's socket was let in: it hears who is online; the others hear of them if it is their first. */
  async #arrived(conn: Connection<SocketState>, profileId: string) {
    let sockets = 0;
    for (const state of this.#states(profileId)) if (!state.gone) sockets++;
    const k = this.#relay;
    if (sockets === 1 && k !== undefined) this.#toRoot((root) => root.relayPresence(k, profileId, true));
    const first = sockets === 1 && k === undefined && !(await this.#book.isOnRelays(profileId));
    const data: Presence = { online: await this.online() };
    conn.send(frame(presenceKey(this.#room), data));
    if (first) this.#emit([frame(presenceUpdateKey(this.#room), { profileId, online: true } satisfies PresenceUpdate)], conn);
  }

  /** A socket closed or failed: a relay tells its root; in a server's room, if it was its person's last, they went offline. */
  #left(conn: Connection<SocketState>) {
    const k = this.#relay;
    // an error and then a close of the same socket count once
    if (k !== undefined && !this.#counted.has(conn)) {
      this.#counted.add(conn);
      this.#toRoot((root) => root.relayLeft(k));
    }
    const state = conn.state;
    if (state?.kind !== "server" || state.gone) return;
    try {
      conn.setState({ ...state, gone: true });
    } catch {
      // a closed socket may refuse a new attachment; it is no longer open either way
    }
    this.#wentOffline(state.profileId);
  }

  async #wentOffline(profileId: string) {
    if (this.#hasOwnSocket(profileId)) return;
    const k = this.#relay;
    if (k !== undefined) return this.#toRoot((root) => root.relayPresence(k, profileId, false));
    if (await this.#book.isOnRelays(profileId)) return;
    this.#emit([frame(presenceUpdateKey(this.#room), { profileId, online: false } satisfies PresenceUpdate)]);
  }

  /** Whether a ticket was issued before its person (or everyone) was put out of this room, or by a session that ended. */
  async #spent(profileId: string, issuedAt: number, sessionId?: string) {
    const revoked = `revoked:${sessionId}`;
    const removed = await this.ctx.storage.get<number>([`removed:${profileId}`, "removed:*", ...(sessionId ? [revoked] : [])]);
    if (removed.has(revoked)) return true;
    return [...removed.values()].some((removedAt) => issuedAt <= removedAt);
  }

  /**
   * A revoked session's tickets all expire within a ticket's lifetime of its end (one minted while it ended
   * included), after which the door refuses them anyway: what is older need not be kept.
   */
  async #forgetOldRevocations(now: number) {
    const old = await this.ctx.storage.list<number>({ prefix: "revoked:" });
    const stale = [...old].filter(([, at]) => at < now - 2 * TICKET_SECONDS * 1000).map(([key]) => key);
    if (stale.length) await this.ctx.storage.delete(stale);
  }

  /** A predecessor never came (its notice failed; clients catch up over HTTP): let what waited go, in order. */
  #release() {
    this.#holdTimer = undefined;
    this.#emit(this.#order.release());
  }

  /**
   * Of these people, the ones who may be in room `roomId` now (a ticket's rule, asked again; a relay asks of the room
   * it serves); may throw when it cannot tell.
   */
  protected abstract mayEnter(roomId: string, profileIds: string[]): Promise<Set<string>>;

  /** Of these sign-in sessions, the ones still live (not signed out, ended or expired); may throw when it cannot tell. */
  protected abstract liveSessions(sessionIds: string[]): Promise<Set<string>>;

  /** The re-check's two questions, asked together. */
  async #mayStay(profileIds: string[], sessionIds: string[]) {
    const [profiles, sessions] = await Promise.all([this.mayEnter(this.#room, profileIds), sessionIds.length ? this.liveSessions(sessionIds) : new Set<string>()]);
    return { profiles, sessions };
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
