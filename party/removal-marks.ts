// A room's memory of who was put out and when, in its own storage: a ticket issued before its person (or everyone:
// the channel or server was deleted) was removed, or by a session that has ended since, is spent.
import { TICKET_SECONDS } from "../contract";
import type { Removal } from "../contract";

export class RemovalMarks {
  constructor(private readonly storage: DurableObjectStorage) {}

  /** Marks a removal as of `now`. */
  async mark(removal: Removal, now: number): Promise<void> {
    const keys = "all" in removal ? ["removed:*"] : "sessionIds" in removal ? removal.sessionIds.map((id) => `revoked:${id}`) : removal.profileIds.map((id) => `removed:${id}`);
    await this.storage.put(Object.fromEntries(keys.map((k) => [k, now])));
    if ("sessionIds" in removal) await this.#forgetOld(now);
  }

  /** Whether a ticket issued at `issuedAt`, for this person and session, is spent here. */
  async spent(profileId: string, issuedAt: number, sessionId?: string): Promise<boolean> {
    const revoked = `revoked:${sessionId}`;
    const removed = await this.storage.get<number>([`removed:${profileId}`, "removed:*", ...(sessionId ? [revoked] : [])]);
    if (removed.has(revoked)) return true;
    return [...removed.values()].some((removedAt) => issuedAt <= removedAt);
  }

  /**
   * A revoked session's tickets all expire within a ticket's lifetime of its end (one minted while it ended
   * included), after which the door refuses them anyway: what is older need not be kept.
   */
  async #forgetOld(now: number) {
    const old = await this.storage.list<number>({ prefix: "revoked:" });
    const stale = [...old].filter(([, at]) => at < now - 2 * TICKET_SECONDS * 1000).map(([key]) => key);
    if (stale.length) await this.storage.delete(stale);
  }
}

/** The sockets a removal puts out: everyone's, a person's, or a session's. */
export function removalTargets<C extends { state?: { sessionId?: string } | null }>(removal: Removal, all: () => Iterable<C>, ofProfile: (profileId: string) => Iterable<C>): C[] {
  if ("all" in removal) return [...all()];
  if ("sessionIds" in removal) {
    const ended = new Set(removal.sessionIds);
    return [...all()].filter((conn) => conn.state?.sessionId && ended.has(conn.state.sessionId));
  }
  return removal.profileIds.flatMap((id) => [...ofProfile(id)]);
}
