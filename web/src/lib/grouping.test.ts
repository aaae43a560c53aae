import { describe, expect, it } from "vitest";
import { continuesGroup, GROUP_GAP_MS, startsDay } from "./grouping";

// local times, so the day boundaries are the reader's whatever zone the tests run in
const at = (day: number, hour: number, minute: number, second = 0) => new Date(2026, 4, day, hour, minute, second).toISOString();
const by = (memberId: string, createdAt: string, replyTo: object | null = null) => ({ memberId, createdAt, replyTo });

describe("continuesGroup", () => {
  it("groups the same author's messages within seven minutes", () => {
    expect(continuesGroup(by("ada", at(3, 10, 0)), by("ada", at(3, 10, 6, 59)))).toBe(true);
    expect(continuesGroup(by("ada", at(3, 10, 0)), by("ada", new Date(Date.parse(at(3, 10, 0)) + GROUP_GAP_MS).toISOString()))).toBe(false);
  });

  it("starts a new group for another author, the first message, and a reply", () => {
    expect(continuesGroup(by("ada", at(3, 10, 0)), by("grace", at(3, 10, 1)))).toBe(false);
    expect(continuesGroup(undefined, by("ada", at(3, 10, 0)))).toBe(false);
    expect(continuesGroup(by("ada", at(3, 10, 0)), by("ada", at(3, 10, 1), { id: "m1" }))).toBe(false);
  });

  it("never groups across midnight, even a minute apart", () => {
    expect(continuesGroup(by("ada", at(3, 23, 59)), by("ada", at(4, 0, 0)))).toBe(false);
  });

  it("does not group a message that sorts before its neighbour's time", () => {
    expect(continuesGroup(by("ada", at(3, 10, 5)), by("ada", at(3, 10, 0)))).toBe(false);
  });
});

describe("startsDay", () => {
  it("puts a divider above the first message and where the date changes", () => {
    expect(startsDay(undefined, by("ada", at(3, 10, 0)))).toBe(true);
    expect(startsDay(by("ada", at(3, 0, 0)), by("grace", at(3, 23, 59)))).toBe(false);
    expect(startsDay(by("ada", at(3, 23, 59)), by("ada", at(4, 0, 1)))).toBe(true);
  });
});
