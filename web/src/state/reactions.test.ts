import { describe, expect, it } from "vitest";
import { canonicalEmoji, keepMine, withMine, withReactionEvent } from "./reactions";

const thumbs = (count: number, me: boolean) => ({ emoji: "👍", count, me });
const party = (count: number, me: boolean) => ({ emoji: "🎉", count, me });
const event = (o: Partial<{ emoji: string; memberId: string; added: boolean; count: number; version: number }>) =>
  ({ messageId: "m1", emoji: "👍", memberId: "other", added: true, count: 1, version: 10, ...o });

describe("withMine", () => {
  it("adds our reaction to a count, or as a new chip at the end", () => {
    expect(withMine([thumbs(1, false)], "👍", true)).toEqual([thumbs(2, true)]);
    expect(withMine([thumbs(1, false)], "🎉", true)).toEqual([thumbs(1, false), party(1, true)]);
  });

  it("removes ours, and the chip when nobody is left", () => {
    expect(withMine([thumbs(2, true)], "👍", false)).toEqual([thumbs(1, false)]);
    expect(withMine([thumbs(1, true), party(1, false)], "👍", false)).toEqual([party(1, false)]);
  });

  it("changes nothing when ours already is as asked", () => {
    expect(withMine([thumbs(2, true)], "👍", true)).toEqual([thumbs(2, true)]);
    expect(withMine([], "👍", false)).toEqual([]);
  });
});

describe("withReactionEvent", () => {
  it("takes the frame's count and keeps our own mark when the frame is someone else's", () => {
    expect(withReactionEvent({ version: 9, reactions: [thumbs(1, true)] }, event({ count: 2 }), "me")).toEqual([thumbs(2, true)]);
    expect(withReactionEvent({ version: 9, reactions: [thumbs(2, true)] }, event({ count: 1, added: false }), "me")).toEqual([thumbs(1, true)]);
  });

  it("sets our mark from a frame about our own reaction", () => {
    expect(withReactionEvent({ version: 9, reactions: [] }, event({ memberId: "me" }), "me")).toEqual([thumbs(1, true)]);
    expect(withReactionEvent({ version: 9, reactions: [thumbs(2, true)] }, event({ memberId: "me", added: false, count: 1 }), "me")).toEqual([thumbs(1, false)]);
  });

  it("removes the chip at zero, and appends a new emoji", () => {
    expect(withReactionEvent({ version: 9, reactions: [thumbs(1, false), party(1, false)] }, event({ added: false, count: 0 }), "me")).toEqual([party(1, false)]);
    expect(withReactionEvent({ version: 9, reactions: [party(1, false)] }, event({}), "me")).toEqual([party(1, false), thumbs(1, false)]);
  });

  it("ignores a frame the message already reflects: our own answer came first", () => {
    // our PUT answered version 10 with count 1; the room's frame for the same change comes after
    expect(withReactionEvent({ version: 10, reactions: [thumbs(1, true)] }, event({ memberId: "me", version: 10 }), "me")).toBeNull();
    expect(withReactionEvent({ version: 12, reactions: [thumbs(3, true)] }, event({ version: 11, count: 2 }), "me")).toBeNull();
  });
});

describe("keepMine", () => {
  it("marks as ours exactly the emoji we had marked", () => {
    expect(keepMine([thumbs(2, false), party(1, false)], [thumbs(1, true)])).toEqual([thumbs(2, true), party(1, false)]);
  });
});

describe("canonicalEmoji", () => {
  it("drops a variation selector an emoji does not need, and keeps the ones it does", () => {
    expect(canonicalEmoji("\u{1F44D}\uFE0F")).toBe("\u{1F44D}");
    expect(canonicalEmoji("\u{1F44D}\u{1F3FD}")).toBe("\u{1F44D}\u{1F3FD}");
    // ❤️ is U+2764 U+FE0F: without the selector it would be the text heart
    expect(canonicalEmoji("\u2764\uFE0F")).toBe("\u2764\uFE0F");
    expect(canonicalEmoji("\u{1F469}\u200D\u2764\uFE0F\u200D\u{1F468}")).toBe("\u{1F469}\u200D\u2764\uFE0F\u200D\u{1F468}");
  });
});
