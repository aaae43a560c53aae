import { describe, expect, it } from "vitest";
import { isOneEmoji } from "./emoji";

describe("isOneEmoji", () => {
  it.each(["👍", "❤️", "❤", "👍🏽", "👩‍👩‍👧‍👦", "🏳️‍🌈", "🇫🇷", "1️⃣", "🧑🏿‍🚀", "☺️"])("takes %s", (e) => expect(isOneEmoji(e)).toBe(true));
  it.each(["", "a", "ok", "👍👍", "👍 ", " 👍", "1", "#", "<b>", "👍a", "\u200d", "x".repeat(65), "\u{1FAFF}", "\u{1FAFF}\uFE0F", "\u{E0001}", "★", "🇦"])("refuses %j", (e) =>
    expect(isOneEmoji(e)).toBe(false),
  );
});
