import { describe, expect, it } from "vitest";
import { CommitOrder } from "./order";

const place = (version: number, after: number) => ({ version, after });

describe("CommitOrder", () => {
  it("lets the first event out at once, whatever it follows (a room that restarted)", () => {
    const order = new CommitOrder<string>();
    expect(order.push("v10", place(10, 7))).toEqual(["v10"]);
  });

  it("lets events in order straight out", () => {
    const order = new CommitOrder<string>();
    expect([order.push("a", place(1, 0)), order.push("b", place(2, 1)), order.push("c", place(3, 2))]).toEqual([["a"], ["b"], ["c"]]);
    expect(order.waiting).toBe(0);
  });

  it("holds an event that overtook its predecessor, then lets both out in commit order", () => {
    const order = new CommitOrder<string>();
    order.push("v10", place(10, 9));
    expect(order.push("v12", place(12, 11))).toEqual([]);
    expect(order.waiting).toBe(1);
    expect(order.push("v11", place(11, 10))).toEqual(["v11", "v12"]);
    expect(order.waiting).toBe(0);
  });

  it("untangles a long reversed burst", () => {
    const order = new CommitOrder<number>();
    order.push(0, place(100, 99));
    const out: number[] = [];
    for (let v = 150; v > 100; v--) out.push(...order.push(v, place(v, v - 1)));
    expect(out).toEqual(Array.from({ length: 50 }, (_, i) => 101 + i));
  });

  it("orders versions that skip numbers (other rooms' writes in between)", () => {
    const order = new CommitOrder<string>();
    order.push("v3", place(3, 1));
    expect(order.push("v20", place(20, 9))).toEqual([]);
    expect(order.push("v9", place(9, 3))).toEqual(["v9", "v20"]);
  });

  it("releases what waits for a lost predecessor lowest version first, and orders from there", () => {
    const order = new CommitOrder<string>();
    order.push("v10", place(10, 9));
    order.push("v21", place(21, 20));
    order.push("v20", place(20, 15)); // 11..15 were lost
    expect(order.release()).toEqual(["v20", "v21"]);
    expect(order.push("v22", place(22, 21))).toEqual(["v22"]);
    expect(order.push("v24", place(24, 23))).toEqual([]);
  });

  it("never lets an old duplicate hold anything up", () => {
    const order = new CommitOrder<string>();
    order.push("v5", place(5, 4));
    expect(order.push("v4 again", place(4, 3))).toEqual(["v4 again"]);
    expect(order.push("v6", place(6, 5))).toEqual(["v6"]);
  });
});
