// What a room's root knows of its relays (party/relays.ts), kept in the root's own storage so it survives the root's
// hibernation: how many sockets each relay holds, which relay each person was placed on, and, in a server's room,
// on which relays each person has a socket (so presence counts a person once over all of them). Read once per
// wake, then kept in memory and written through.
import { placeSocket } from "./relays";

const COUNTS = "relays:counts";
const PLACED = "relays:placed:";
const HERE = "relays:here:";

export class RelayBook {
  #counts?: number[];
  #here?: Map<string, Set<number>>;

  constructor(private readonly storage: DurableObjectStorage) {}

  async counts(): Promise<number[]> {
    return (this.#counts ??= (await this.storage.get<number[]>(COUNTS)) ?? []);
  }

  /** The relays that hold sockets now (from the last counts read; empty relays get no events). */
  live(): number[] {
    return (this.#counts ?? []).flatMap((n, k) => (n > 0 ? [k] : []));
  }

  /** Where a new socket of this person goes; a relay's count is raised at once, so a crowd arriving together spreads. */
  async place(profileId: string, threshold: number, rootSockets: number): Promise<"root" | number> {
    const counts = await this.counts();
    const before = counts.length ? await this.storage.get<number>(PLACED + profileId) : undefined;
    const k = placeSocket({ threshold, rootSockets, counts, before });
    if (k === "root") return k;
    while (counts.length <= k) counts.push(0);
    counts[k]++;
    await this.storage.put({ [COUNTS]: counts, ...(before !== k && { [PLACED + profileId]: k }) });
    return k;
  }

  /** A socket of relay k closed. */
  async left(k: number): Promise<void> {
    const counts = await this.counts();
    if (!(counts[k] > 0)) return;
    counts[k]--;
    await this.storage.put(COUNTS, counts);
  }

  async #loadHere(): Promise<Map<string, Set<number>>> {
    // a room that never had a relay has nobody on one: no storage read
    if (!this.#here && (this.#counts ?? []).length === 0) return new Map();
    if (!this.#here) {
      const stored = await this.storage.list<number[]>({ prefix: HERE });
      this.#here = new Map([...stored].map(([key, ks]) => [key.slice(HERE.length), new Set(ks)]));
    }
    return this.#here;
  }

  /** The people with a socket on some relay. */
  async onRelays(): Promise<string[]> {
    return [...(await this.#loadHere()).keys()];
  }

  async isOnRelays(profileId: string): Promise<boolean> {
    return (await this.#loadHere()).has(profileId);
  }

  /** Relay k has this person's first socket (`online`) or lost their last; answers whether they were on any relay before. */
  async mark(k: number, profileId: string, online: boolean): Promise<{ before: boolean; after: boolean }> {
    const here = await this.#loadHere();
    const ks = here.get(profileId) ?? new Set<number>();
    const before = ks.size > 0;
    if (online) ks.add(k);
    else ks.delete(k);
    if (ks.size > 0) {
      here.set(profileId, ks);
      await this.storage.put(HERE + profileId, [...ks]);
    } else {
      here.delete(profileId);
      await this.storage.delete(HERE + profileId);
    }
    return { before, after: ks.size > 0 };
  }
}
