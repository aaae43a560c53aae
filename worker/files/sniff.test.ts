// The sniffer decides by bytes alone: every accepted kind is known, everything else (SVG and HTML above all) is not.
import { describe, expect, it } from "vitest";
import { KINDS, SNIFF_BYTES, kindOfType, sniff } from "./sniff";
import { gif, impostors, jpeg, pdf, png, webp } from "./samples";

const ascii = (s: string) => Uint8Array.from(s, (ch) => ch.charCodeAt(0));

describe("sniff", () => {
  it("knows each accepted kind by its signature, with its type, extension and disposition", () => {
    expect(sniff(png())).toMatchObject({ type: "image/png", ext: "png", disposition: "inline" });
    expect(sniff(jpeg())).toMatchObject({ type: "image/jpeg", ext: "jpg", disposition: "inline" });
    expect(sniff(gif())).toMatchObject({ type: "image/gif", ext: "gif", disposition: "inline" });
    expect(sniff(ascii("GIF87a\x01\x00\x01\x00"))).toBe(KINDS.gif);
    expect(sniff(webp())).toMatchObject({ type: "image/webp", ext: "webp", disposition: "inline" });
    expect(sniff(pdf())).toMatchObject({ type: "application/pdf", ext: "pdf", disposition: "attachment" });
  });

  it("needs no more than SNIFF_BYTES leading bytes", () => {
    for (const file of [png(), jpeg(), gif(), webp(), pdf()]) expect(sniff(file.subarray(0, SNIFF_BYTES))).toBe(sniff(file));
  });

  it("accepts every WebP encoding (lossy, lossless, extended)", () => {
    for (const chunk of ["VP8 ", "VP8L", "VP8X"]) expect(sniff(ascii(`RIFF\x10\x00\x00\x00WEBP${chunk}`))).toBe(KINDS.webp);
  });

  it("refuses SVG, HTML, text and other RIFF containers", () => {
    for (const [what, bytes] of Object.entries(impostors)) expect(sniff(bytes), what).toBeUndefined();
    expect(sniff(ascii("RIFF\x10\x00\x00\x00WEBPXXXX"))).toBeUndefined();
    expect(sniff(ascii("RIFF\x10\x00\x00\x00AVI LIST"))).toBeUndefined();
  });

  it("refuses signatures that are cut short or off by one byte", () => {
    expect(sniff(new Uint8Array(0))).toBeUndefined();
    expect(sniff(png().subarray(0, 7))).toBeUndefined();
    expect(sniff(Uint8Array.of(0xff, 0xd8))).toBeUndefined();
    expect(sniff(ascii("GIF88a"))).toBeUndefined();
    expect(sniff(ascii("RIFF\x10\x00\x00\x00WEBP"))).toBeUndefined();
    expect(sniff(ascii("%PDF"))).toBeUndefined();
    const broken = png();
    broken[1] ^= 0x20; // "\x89pNG"
    expect(sniff(broken)).toBeUndefined();
  });

  it("looks only at the start: a signature later in the file does not count", () => {
    expect(sniff(new Uint8Array([0x20, ...png()]))).toBeUndefined();
    expect(sniff(ascii(" %PDF-1.4"))).toBeUndefined();
  });

  it("maps a stored content type back to its kind", () => {
    expect(kindOfType("application/pdf")).toBe(KINDS.pdf);
    expect(kindOfType("image/jpeg")).toBe(KINDS.jpeg);
    expect(kindOfType("text/html")).toBeUndefined();
  });
});
