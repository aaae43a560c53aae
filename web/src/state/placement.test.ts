import { describe, expect, it } from "vitest";
import { newMessageIndex } from "./placement";

/** Inserts new messages one by one in arrival order, as the chat store does, and returns the ids in list order. */
function arrive(history: string[], frames: { id: string; version: number }[], pending = 0) {
  const list = [...history.map((id) => ({ id })), ...Array.from({ length: pending }, (_, i) => ({ id: `pending-${i}` }))];
  const created = new Map<string, number>();
  for (const f of frames) {
    created.set(f.id, f.version);
    list.splice(newMessageIndex(list, f, list.length - pending, (id) => created.get(id)), 0, { id: f.id });
  }
  return list.map((m) => m.id);
}

describe("newMessageIndex", () => {
  it("appends messages that arrive in order", () => {
    expect(arrive(["h1", "h2"], [{ id: "a", version: 5 }, { id: "b", version: 6 }])).toEqual(["h1", "h2", "a", "b"]);
  });

  it("puts a message that arrives late before the newer ones already shown", () => {
    const frames = [{ id: "c", version: 9 }, { id: "a", version: 7 }, { id: "d", version: 10 }, { id: "b", version: 8 }];
    expect(arrive(["h1"], frames)).toEqual(["h1", "a", "b", "c", "d"]);
  });

  it("never moves a new message above history, nor below our own unconfirmed ones", () => {
    expect(arrive(["h1", "h2"], [{ id: "b", version: 3 }, { id: "a", version: 2 }], 1)).toEqual(["h1", "h2", "a", "b", "pending-0"]);
  });

  it("keeps any arrival order of a burst in version order", () => {
    const versions = [14, 11, 19, 12, 10, 17, 13, 18, 16, 15];
    const out = arrive([], versions.map((v) => ({ id: `m${v}`, version: v })));
    expect(out).toEqual([...versions].sort((a, b) => a - b).map((v) => `m${v}`));
  });
});
