import { describe, expect, it } from "vitest";
import { joinFrames, Pacer, planSends } from "./outbox";

const ev = (n: number) => JSON.stringify({ key: "chat:r:messages", data: { n } });

describe("joinFrames", () => {
  it("never wraps a lone event", () => {
    expect(joinFrames([ev(1)])).toBe(ev(1));
  });

  it("puts several events in one JSON array, in order", () => {
    expect(JSON.parse(joinFrames([ev(1), ev(2), ev(3)]))).toEqual([1, 2, 3].map((n) => ({ key: "chat:r:messages", data: { n } })));
  });
});

describe("planSends", () => {
  it("sends everything due as one text to every socket", () => {
    const plans = planSends([{ frame: ev(1) }, { frame: ev(2) }], ["a", "b", "c"]);
    expect(plans).toEqual([{ text: `[${ev(1)},${ev(2)}]`, to: ["a", "b", "c"] }]);
  });

  it("leaves the typing socket out of its own event but gives it the rest, in order", () => {
    const plans = planSends([{ frame: ev(1) }, { frame: ev(2), except: "b" }, { frame: ev(3) }], ["a", "b", "c"]);
    expect(plans).toEqual([
      { text: `[${ev(1)},${ev(2)},${ev(3)}]`, to: ["a", "c"] },
      { text: `[${ev(1)},${ev(3)}]`, to: ["b"] },
    ]);
  });

  it("sends nothing to a socket that is left out of everything due, and nothing to nobody", () => {
    expect(planSends([{ frame: ev(1), except: "a" }], ["a", "b"])).toEqual([{ text: ev(1), to: ["b"] }]);
    expect(planSends([{ frame: ev(1), except: "a" }], ["a"])).toEqual([]);
    expect(planSends([{ frame: ev(1) }], [])).toEqual([]);
    expect(planSends([], ["a"])).toEqual([]);
  });

  it("ignores a left-out socket that is no longer open", () => {
    expect(planSends([{ frame: ev(1), except: "gone" }], ["a"])).toEqual([{ text: ev(1), to: ["a"] }]);
  });
});

describe("Pacer", () => {
  it("sends the first event at once, then holds what comes within the interval until its end", () => {
    const pacer = new Pacer(1000);
    expect(pacer.push("a", 10_000)).toEqual({ send: ["a"] });
    expect(pacer.push("b", 10_200)).toEqual({ send: [], wakeAt: 11_000 });
    expect(pacer.push("c", 10_900)).toEqual({ send: [], wakeAt: 11_000 });
    expect(pacer.waiting).toBe(2);
    expect(pacer.take(11_000)).toEqual(["b", "c"]);
    expect(pacer.waiting).toBe(0);
  });

  it("counts the interval from the last send, so a quiet room sends at once again", () => {
    const pacer = new Pacer(1000);
    pacer.push("a", 0);
    pacer.push("b", 500);
    expect(pacer.take(1000)).toEqual(["b"]);
    expect(pacer.push("c", 1500)).toEqual({ send: [], wakeAt: 2000 });
    expect(pacer.take(2000)).toEqual(["c"]);
    expect(pacer.push("d", 5000)).toEqual({ send: ["d"] });
  });

  it("a timer that fires with nothing held changes nothing", () => {
    const pacer = new Pacer(1000);
    expect(pacer.take(50)).toEqual([]);
    expect(pacer.push("a", 60)).toEqual({ send: ["a"] });
  });
});
