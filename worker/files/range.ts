// The Range header (RFC 9110 §14): one byte range is served as 206; anything we do not serve as a range is ignored.

export interface ByteRange { start: number; end: number /* inclusive */ }

/**
 * The single byte range asked for in a file of `size` bytes, clamped to the file; undefined to send the whole
 * file (no header, a malformed one, another unit, several ranges); "unsatisfiable" when it starts past the end.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | "unsatisfiable" | undefined {
  if (!header) return undefined;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m || (m[1] === "" && m[2] === "")) return undefined;
  if (m[1] === "") {
    // a suffix: the last n bytes
    const n = Number(m[2]);
    if (n === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  if (m[2] !== "" && Number(m[2]) < start) return undefined; // invalid per RFC 9110: ignore the header
  if (start >= size) return "unsatisfiable";
  return { start, end: m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1) };
}
