// File names from uploads made safe to store, show and send back in Content-Disposition.
import type { FileKind } from "./sniff";

export const NAME_MAX = 120;

// C0/C1 controls, and invisible characters that can make "gpj.exe" look like "exe.jpg" (bidi overrides, zero widths)
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// characters Windows and macOS refuse in names; a saved download would otherwise be renamed or fail
const RESERVED = /[<>:"|?*]/g;

/**
 * The last path segment of what the browser sent, without controls or reserved characters, at most NAME_MAX code
 * points, and ending in the extension of the type the bytes really are, so a download never lands on disk as
 * `.html` or `.exe`.
 */
export function safeName(raw: string, kind: FileKind): string {
  let name = raw.normalize("NFC").split(/[\\/]/).pop() ?? "";
  name = name.replace(LONE_SURROGATE, "").replace(UNSAFE, "").replace(RESERVED, "_").replace(/\s+/g, " ").trim();
  name = name.replace(/^[.\s]+/, "").replace(/[.\s]+$/, ""); // no hidden files, no trailing dots (Windows drops them)

  const dot = name.lastIndexOf(".");
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
  let stem = name;
  if (ext === kind.ext || kind.aliases.includes(ext)) stem = name.slice(0, dot);
  const suffix = ext === kind.ext || kind.aliases.includes(ext) ? name.slice(dot) : `.${kind.ext}`;

  const room = NAME_MAX - [...suffix].length;
  stem = [...stem].slice(0, room).join("").trim();
  return `${stem || "file"}${suffix}`;
}

/** RFC 6266: an ASCII fallback for old clients and the exact name as UTF-8 in filename*. */
export function contentDisposition(disposition: "inline" | "attachment", name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\%]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
