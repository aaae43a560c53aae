// Small but valid files of every kind uploads accept, built byte by byte, for the tests (sniffer and HTTP alike).

const ascii = (s: string) => Uint8Array.from(s, (ch) => ch.charCodeAt(0));
const fromBase64 = (s: string) => Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0));

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const u32be = (n: number) => Uint8Array.of(n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 255] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const body = concat(ascii(type), data);
  return concat(u32be(data.length), body, u32be(crc32(body)));
}

/** zlib with one stored (uncompressed) block: enough for a few pixels. */
function zlibStored(data: Uint8Array): Uint8Array {
  let a = 1, b = 0;
  for (const x of data) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  const len = data.length;
  return concat(Uint8Array.of(0x78, 0x01, 0x01, len & 255, len >>> 8, ~len & 255, (~len >>> 8) & 255), data, u32be(((b << 16) | a) >>> 0));
}

/**
 * A 1×1 grey PNG; with `totalSize` it carries a private ancillary chunk (`paDd`, which decoders skip) sized so the
 * whole file is exactly that many bytes.
 */
export function png(totalSize?: number): Uint8Array<ArrayBuffer> {
  const signature = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
  const ihdr = pngChunk("IHDR", concat(u32be(1), u32be(1), Uint8Array.of(8, 0, 0, 0, 0))); // 8-bit greyscale
  const idat = pngChunk("IDAT", zlibStored(Uint8Array.of(0, 0x80))); // filter byte, one pixel
  const iend = pngChunk("IEND", new Uint8Array(0));
  const base = signature.length + ihdr.length + idat.length + iend.length;
  if (totalSize === undefined) return concat(signature, ihdr, idat, iend);
  const pad = pngChunk("paDd", new Uint8Array(totalSize - base - 12).fill(0x2a));
  return concat(signature, ihdr, pad, idat, iend);
}

/** The smallest well-formed JPEG commonly cited: 1×1, arithmetic-coded. */
export const jpeg = () =>
  fromBase64("/9j/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k=");

/** 1×1 transparent GIF89a. */
export const gif = () => fromBase64("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

/** 1×1 lossless WebP (RIFF … WEBP VP8L). */
export const webp = () => fromBase64("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

/** A one-page PDF with a correct cross-reference table. */
export function pdf(): Uint8Array<ArrayBuffer> {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >>",
  ];
  let text = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(text.length);
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) text += `${String(o).padStart(10, "0")} 00000 n \n`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return ascii(text);
}

/** Things that must never pass as images, whatever they are called. */
export const impostors = {
  svg: ascii('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'),
  bareSvg: ascii('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
  html: ascii("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"),
  text: ascii("just some text, not a picture\n"),
  // a RIFF container that is not a WebP (a WAVE sound)
  wave: concat(ascii("RIFF"), u32be(36), ascii("WAVEfmt "), new Uint8Array(8)),
  // HTML that starts with a byte-order mark and spaces, as browsers' own sniffers would accept
  bomHtml: concat(Uint8Array.of(0xef, 0xbb, 0xbf), ascii("  <html><script>alert(1)</script>")),
};
