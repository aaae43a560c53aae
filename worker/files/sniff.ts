// Decides an upload's type from its first bytes, never from its name or the type the browser declared.
// Only formats a browser renders safely (or downloads) are known; anything else, SVG and HTML included, is refused.
// The list of kinds is contract/files.ts, which the client shares.
import { IMAGE_KINDS, PDF_KIND } from "../../contract/files";
import type { FileKindInfo } from "../../contract/files";

export interface FileKind extends FileKindInfo {
  /** images are shown in the page; a PDF is downloaded, so the browser's viewer never runs it in our origin */
  disposition: "inline" | "attachment";
}

const ascii = (s: string) => Uint8Array.from(s, (ch) => ch.charCodeAt(0));

const startsWith = (bytes: Uint8Array, sig: Uint8Array, at = 0) =>
  bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);

const PNG = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const JPEG = Uint8Array.of(0xff, 0xd8, 0xff);
const GIF87 = ascii("GIF87a");
const GIF89 = ascii("GIF89a");
const RIFF = ascii("RIFF");
const WEBP = ascii("WEBP");
// the first chunk of a WebP is one of these three encodings
const WEBP_CHUNKS = [ascii("VP8 "), ascii("VP8L"), ascii("VP8X")];
const PDF = ascii("%PDF-");

const image = (kind: FileKindInfo): FileKind => ({ ...kind, disposition: "inline" });

export const KINDS = {
  png: image(IMAGE_KINDS.png),
  jpeg: image(IMAGE_KINDS.jpeg),
  gif: image(IMAGE_KINDS.gif),
  webp: image(IMAGE_KINDS.webp),
  pdf: { ...PDF_KIND, disposition: "attachment" } as FileKind,
} as const;

/** How many leading bytes `sniff` needs at most. */
export const SNIFF_BYTES = 16;

/** The kind of file these bytes start, or undefined when it is not one we accept. */
export function sniff(bytes: Uint8Array): FileKind | undefined {
  if (startsWith(bytes, PNG)) return KINDS.png;
  if (startsWith(bytes, JPEG)) return KINDS.jpeg;
  if (startsWith(bytes, GIF87) || startsWith(bytes, GIF89)) return KINDS.gif;
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8) && WEBP_CHUNKS.some((c) => startsWith(bytes, c, 12))) return KINDS.webp;
  if (startsWith(bytes, PDF)) return KINDS.pdf;
  return undefined;
}

/** The kind whose content type this is (for files already stored). */
export function kindOfType(type: string): FileKind | undefined {
  return Object.values(KINDS).find((k) => k.type === type);
}
