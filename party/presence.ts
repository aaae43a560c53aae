// Who is online in a server's room, derived from the open sockets and their states (which survive hibernation), never
// from memory: a person is online while they have a socket let in on the room's root or on any of its relays, and
// the room says so once when their first socket opens and once when their last closes. A relay tells its root of its
// own first and last sockets; the root, which knows on which relays each person is, decides and announces.
import { presenceKey, presenceUpdateKey } from "../contract";
import type { Presence, PresenceUpdate } from "../contract";
import { frame } from "./socket-state";
import type { SocketState } from "./socket-state";

/** What presence needs of its room. */
export interface PresenceRoom {
  /** the room's id (a relay's is its root's) and, on a relay, its index */
  room(): string;
  relay(): number | undefined;
  /** the states of this object's sockets let in (of one person, or all) */
  states(profileId?: string): Iterable<SocketState>;
  /** everyone online over the whole room */
  online(): Promise<string[]>;
  /** on a root: whether the person has a socket on some relay */
  isOnRelays(profileId: string): Promise<boolean>;
  /** on a relay: the person's first socket here opened (true) or their last closed (false) */
  tellRoot(profileId: string, online: boolean): void;
  emit(frames: string[], except?: WebSocket): void;
}

const update = (room: string, profileId: string, online: boolean) => frame(presenceUpdateKey(room), { profileId, online } satisfies PresenceUpdate);

export class PresenceKeeper {
  constructor(private readonly r: PresenceRoom) {}

  hasSocket(profileId: string): boolean {
    for (const state of this.r.states(profileId)) if (!state.gone) return true;
    return false;
  }

  /** A member's socket was let in: it hears who is online; the others hear of them if it is their first. */
  async arrived(socket: WebSocket, profileId: string): Promise<void> {
    let sockets = 0;
    for (const state of this.r.states(profileId)) if (!state.gone) sockets++;
    if (sockets === 1 && this.r.relay() !== undefined) this.r.tellRoot(profileId, true);
    const first = sockets === 1 && this.r.relay() === undefined && !(await this.r.isOnRelays(profileId));
    const data: Presence = { online: await this.r.online() };
    socket.send(frame(presenceKey(this.r.room()), data));
    if (first) this.r.emit([update(this.r.room(), profileId, true)], socket);
  }

  /** A person's socket here went (closed, failed or put out): if it was their last anywhere, they went offline. */
  async wentOffline(profileId: string): Promise<void> {
    if (this.hasSocket(profileId)) return;
    if (this.r.relay() !== undefined) return this.r.tellRoot(profileId, false);
    if (await this.r.isOnRelays(profileId)) return;
    this.r.emit([update(this.r.room(), profileId, false)]);
  }

  /** On a root: relay k says a person's first socket opened there or their last closed; announced once over the room. */
  relayed(profileId: string, before: boolean, after: boolean): void {
    if (before === after || this.hasSocket(profileId)) return;
    this.r.emit([update(this.r.room(), profileId, after)]);
  }
}
