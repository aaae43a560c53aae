// Range headers: one satisfiable range is served, an impossible one is refused, anything else means the whole file.
import { describe, expect, it } from "vitest";
import { parseRange } from "./range";

describe("parseRange", () => {
  it("serves the whole file without a usable header", () => {
    for (const header of [undefined, "", "bytes=", "bytes=-", "items=0-1", "bytes=a-b", "bytes=0-1,3-4", "bytes=5-2", "0-1"]) {
      expect(parseRange(header, 10), String(header)).toBeUndefined();
    }
  });

  it("reads closed, open and suffix ranges, clamped to the file", () => {
    expect(parseRange("bytes=0-3", 10)).toEqual({ start: 0, end: 3 });
    expect(parseRange("bytes=4-", 10)).toEqual({ start: 4, end: 9 });
    expect(parseRange("bytes=8-100", 10)).toEqual({ start: 8, end: 9 });
    expect(parseRange("bytes=-3", 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange("bytes=-30", 10)).toEqual({ start: 0, end: 9 });
    expect(parseRange("Bytes = 1 - 1", 10)).toEqual({ start: 1, end: 1 });
  });

  it("refuses a range that starts past the end, or an empty suffix", () => {
    expect(parseRange("bytes=10-", 10)).toBe("unsatisfiable");
    expect(parseRange("bytes=10-20", 10)).toBe("unsatisfiable");
    expect(parseRange("bytes=-0", 10)).toBe("unsatisfiable");
  });
});
