import { describe, expect, it } from "vitest";
import { isRoomId, placeSocket, relayIndex, relayName, RelayLinks, relayThreshold, rootOf } from "./relays";

describe("relay names", () => {
  it("name relay k of a room, and lead back to the room", () => {
    expect(relayName("room1", 3)).toBe("room1~3");
    expect(rootOf("room1~3")).toBe("room1");
    expect(rootOf("room1")).toBe("room1");
    expect(relayIndex("room1~3")).toBe(3);
    expect(relayIndex("room1")).toBeUndefined();
    expect(relayIndex("room1~x")).toBeUndefined();
  });

  it("a client may name a room, never a relay", () => {
    expect(isRoomId("room1")).toBe(true);
    expect(isRoomId("room1~0")).toBe(false);
    expect(isRoomId("")).toBe(false);
  });

  it("the setting falls back to 5,000 when unusable", () => {
    expect(relayThreshold("20")).toBe(20);
    expect(relayThreshold(undefined)).toBe(5000);
    expect(relayThreshold("0")).toBe(5000);
    expect(relayThreshold("2.5")).toBe(5000);
  });
});

describe("placeSocket", () => {
  it("keeps a small room on its root", () => {
    expect(placeSocket({ threshold: 20, rootSockets: 0, counts: [] })).toBe("root");
    expect(placeSocket({ threshold: 20, rootSockets: 19, counts: [] })).toBe("root");
  });

  it("opens the first relay when the root is full, and fills the least filled one", () => {
    expect(placeSocket({ threshold: 20, rootSockets: 20, counts: [] })).toBe(0);
    expect(placeSocket({ threshold: 20, rootSockets: 20, counts: [5, 3, 9] })).toBe(1);
  });

  it("puts a person's next tab where their first went, while it has room", () => {
    expect(placeSocket({ threshold: 20, rootSockets: 20, counts: [15, 3], before: 0 })).toBe(0);
    expect(placeSocket({ threshold: 20, rootSockets: 20, counts: [20, 3], before: 0 })).toBe(1);
  });

  it("opens a new relay when every relay is full", () => {
    expect(placeSocket({ threshold: 20, rootSockets: 20, counts: [20, 20] })).toBe(2);
  });

  it("once relays exist, new sockets go to them even if the root emptied", () => {
    expect(placeSocket({ threshold: 20, rootSockets: 0, counts: [4] })).toBe(0);
  });
});

describe("RelayLinks", () => {
  it("keeps one call in flight per relay and batches what comes meanwhile, in order", async () => {
    const calls: [number, string[]][] = [];
    const gates: (() => void)[] = [];
    const links = new RelayLinks(
      (k) => ({ relay: (frames: string[]) => new Promise<void>((resolve) => (calls.push([k, frames]), gates.push(resolve))) }),
      () => {},
    );
    links.send(0, ["a"]);
    links.send(0, ["b"]);
    links.send(0, ["c"]);
    links.send(1, ["a"]);
    expect(calls).toEqual([[0, ["a"]], [1, ["a"]]]);
    gates.shift()!();
    await expect.poll(() => calls.length).toBe(3);
    expect(calls[2]).toEqual([0, ["b", "c"]]);
  });

  it("goes on after a relay that failed", async () => {
    const errors: number[] = [];
    let n = 0;
    const links = new RelayLinks(
      () => ({
        relay: async () => {
          if (n++ === 0) throw new Error("gone");
        },
      }),
      (k) => errors.push(k),
    );
    links.send(2, ["a"]);
    await expect.poll(() => errors).toEqual([2]);
    links.send(2, ["b"]);
    await expect.poll(() => n).toBe(2);
    expect(errors).toEqual([2]);
  });
});
