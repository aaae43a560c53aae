// A room: one PartyServer Durable Object per channel, conversation, server and person, inside the worker. Only the
// worker makes it speak, over RPC after the database committed (worker/realtime/); it keeps no history (clients catch
// up over HTTP). Sockets arrive with a ticket checked at the door (worker/realtime/door.ts), are trusted for its
// lifetime, then re-checked, so access never hangs on one notice getting through. From the sockets come typing and
// presence (party/presence.ts). Past ROOM_RELAY_SOCKETS sockets a room's own object, its root, spreads them over relay
// objects of this class (party/relays.ts): the root orders, paces and places, and hands every event on.
import { Server } from "partyserver";
import type { Connection, ConnectionContext } from "partyserver";
import { CLOSE_REMOVED, TICKET_SECONDS, typingKey } from "../contract";
import type { CommitPlace, Removal, Typing } from "../contract";
import { identityOf, onlineOf, parseSocketFrame, typingDue } from "./awareness";
import { ROOM_HEADERS } from "./headers";
import { Publisher } from "./publisher";
import { RemovalMarks, removalTargets } from "./removal-marks";
import { relayIndex, relayName, relayThreshold, rootOf } from "./relays";
import { RootRelays } from "./root-relays";
import { Sender } from "./sender";
import { PresenceKeeper } from "./presence";
import { AlarmClock, dueForCheck, frame, recheckMsOf } from "./socket-state";
import type { SocketState } from "./socket-state";

/** The settings a room reads; the worker's bindings have them among others. */
export interface RoomEnv {
  /** seconds a room trusts a socket before it asks again whether its person may stay (default: a ticket's lifetime) */
  REALTIME_RECHECK_SECONDS?: string;
  /** sockets one room object holds before it spreads the rest over relay objects (party/relays.ts; default 5,000) */
  ROOM_RELAY_SOCKETS?: string;
  /** the rooms' own namespace: a root reaches its relays, and a relay its root, through it */
  Main: DurableObjectNamespace<Room>;
}

/** When the database cannot be asked, the room keeps its sockets and asks again this much later. */
const RETRY_CHECK_MS = 30_000;

/**
 * The room, less the one thing it must ask outside itself: who may be here. The worker's subclass answers that from
 * the database (worker/realtime/chat-room.ts, the class wrangler.toml names), so the room never imports the worker.
 */
export abstract class Room<Env extends RoomEnv = RoomEnv> extends Server<Env> {
  // hibernation: an idle room holds its sockets without being in memory, and wakes for a notice or a frame
  static options = { hibernate: true };

  /** a root's relays (read before any event is handled: which relays have sockets) */
  #relays = new RootRelays(this.ctx.storage, (k) => this.#stub(relayName(this.name, k)), (what) => console.warn(`room ${this.name}: ${what}`));
  #marks = new RemovalMarks(this.ctx.storage);
  #alarm = new AlarmClock(this.ctx.storage);
  /** every frame to this object's own sockets leaves through here, batched */
  #sender = new Sender(() => this.ctx.getWebSockets());
  /** the worker's notices, in commit order and paced */
  #publisher = new Publisher((frames) => this.#emit(frames));
  /** a relay's sockets whose going its root was told of */
  #counted = new WeakSet<WebSocket>();
  #presence = new PresenceKeeper({
    room: () => this.#room,
    relay: () => this.#relay,
    states: (profileId) => this.#states(profileId),
    online: () => this.online(),
    isOnRelays: (profileId) => this.#relays.book.isOnRelays(profileId),
    tellRoot: (profileId, online) => {
      const k = this.#relay!;
      this.#toRoot((root) => root.relayPresence(k, profileId, online));
    },
    emit: (frames, except) => this.#emit(frames, except),
  });

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void ctx.blockConcurrencyWhile(async () => void (await this.#relays.book.counts()));
  }

  /** the room this object serves (itself, or the room it is a relay of), and a relay's index (undefined: a root) */
  get #room() { return rootOf(this.name); }
  get #relay() { return relayIndex(this.name); }

  #stub(name: string): DurableObjectStub<Room> {
    return this.env.Main.get(this.env.Main.idFromName(name));
  }

  /** Tells this relay's root something; a root that cannot be told is told nothing (its next re-check sets it right). */
  #toRoot(tell: (root: DurableObjectStub<Room>) => Promise<unknown>) {
    tell(this.#stub(this.#room)).catch((err: Error) => console.warn(`relay ${this.name}: root not told:`, err.message));
  }

  /** Every event of the room goes out here: to this object's sockets (but `except`), and from a root to its relays (but `from`). */
  #emit(frames: string[], except?: WebSocket, from?: number) {
    this.#sender.send(frames, except);
    if (this.#relay === undefined) this.#relays.forward(frames, from);
  }

  /** How long a socket is trusted before the room re-checks its person's access. */
  get #recheckMs() { return recheckMsOf(this.env.REALTIME_RECHECK_SECONDS, TICKET_SECONDS); }

  // ---- RPC, called by the worker only (worker/realtime/index.ts) ----

  /** Sends a ready `{ key, data }` frame to every socket; message events leave in the order they committed. */
  publish(frame: string, place?: CommitPlace): void {
    this.#publisher.publish(frame, place);
  }

  /**
   * Sends a server's activity event (a new message somewhere in it, for unread badges): at most once a second per
   * room, whatever came in between as one frame. Badges and mention counts stay exact: every event arrives, later.
   */
  publishPassive(frame: string): void {
    this.#publisher.publishPassive(frame);
  }

  // ---- RPC between a root and its relays, and from the door ----

  /**
   * The door asks the room's root where a new socket goes: the root itself, or one of its relays (by name). A spent
   * ticket (issued before its person was removed) is sent to the root, which closes it with 4003.
   */
  async place(profileId: string, issuedAt: number, sessionId?: string): Promise<string> {
    if (this.#relay !== undefined || (await this.#marks.spent(profileId, issuedAt, sessionId))) return this.name;
    const k = await this.#relays.place(profileId, relayThreshold(this.env.ROOM_RELAY_SOCKETS), this.ctx.getWebSockets().length);
    return k === "root" ? this.name : relayName(this.name, k);
  }

  /** A relay's events, from its root, in the order the root let them out. */
  relay(frames: string[]): void {
    this.#sender.send(frames);
  }

  /** Relay k lost a socket. */
  relayLeft(k: number): Promise<void> {
    return this.#relays.book.left(k);
  }

  /** Relay k has a person's first socket, or lost their last: online or offline over the whole room, once. */
  async relayPresence(k: number, profileId: string, online: boolean): Promise<void> {
    const { before, after } = await this.#relays.book.mark(k, profileId, online);
    this.#presence.relayed(profileId, before, after);
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
    await this.#marks.mark(removal, Date.now());
    const targets = removalTargets(removal, () => this.getConnections<SocketState>(), (id) => this.getConnections<SocketState>(id));
    const leaving = new Set<string>();
    for (const conn of targets) {
      const state = conn.state;
      if (state?.kind !== "server" || state.gone) continue;
      leaving.add(state.profileId);
      conn.setState({ ...state, gone: true });
    }
    for (const conn of targets) conn.close(CLOSE_REMOVED, "sessionIds" in removal ? "Signed out" : "No longer a member");
    // everyone put out (the server was deleted): nobody is left to tell
    if (!("all" in removal)) for (const profileId of leaving) void this.#presence.wentOffline(profileId);
    // a root puts them out of every relay too
    return targets.length + (this.#relay === undefined ? await this.#relays.remove(removal) : 0);
  }

  /** Who is online: the people with a socket open here or on a relay (asked of a server's room, `GET …/presence`). */
  async online(): Promise<string[]> {
    if (this.#relay !== undefined) return this.#stub(this.#room).online();
    return [...new Set([...onlineOf(this.#states()), ...(await this.#relays.book.onRelays())])];
  }

  // ---- sockets ----

  getConnectionTags(_conn: Connection, ctx: ConnectionContext): string[] {
    return [ctx.request.headers.get(ROOM_HEADERS.profile) ?? "unknown"];
  }

  async onConnect(conn: Connection<SocketState>, ctx: ConnectionContext) {
    const profileId = ctx.request.headers.get(ROOM_HEADERS.profile) ?? "";
    const sessionId = ctx.request.headers.get(ROOM_HEADERS.session) ?? "";
    this.#relays.arrived();
    const issuedAt = Number(ctx.request.headers.get(ROOM_HEADERS.issuedAt) ?? 0);
    // a ticket minted before its person was removed (or everyone: the channel or server was deleted), or by a
    // session that has ended since, is spent; the socket opens and closes at once with 4003, which tells
    // partysocket not to try again
    if (await this.#marks.spent(profileId, issuedAt, sessionId)) return conn.close(CLOSE_REMOVED, "No longer a member");
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
    if (state.kind === "server") await this.#presence.arrived(conn, profileId);
    await this.#alarm.noLaterThan(checkAt);
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
    const { due, next: later } = dueForCheck(this.getConnections<SocketState>(), now);
    let next = later;
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
    this.#alarm.rang();
    if (next < Infinity) await this.#alarm.noLaterThan(next);
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
    void this.#presence.wentOffline(state.profileId);
  }

  /** The states of the sockets let in and open (closing ones are not open). */
  *#states(profileId?: string) {
    for (const conn of this.getConnections<SocketState>(profileId)) if (conn.state) yield conn.state;
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

}
