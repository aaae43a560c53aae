// Upload names: safe to store and show, ending in their real type, and sent back per RFC 6266.
import { describe, expect, it } from "vitest";
import { KINDS } from "./sniff";
import { NAME_MAX, contentDisposition, safeName } from "./names";

describe("safeName", () => {
  it("keeps an ordinary name as it is", () => {
    expect(safeName("holiday photo.png", KINDS.png)).toBe("holiday photo.png");
    expect(safeName("Scan.JPEG", KINDS.jpeg)).toBe("Scan.JPEG");
    expect(safeName("café – été.pdf", KINDS.pdf)).toBe("café – été.pdf");
  });

  it("drops any path, from Unix or Windows", () => {
    expect(safeName("../../etc/passwd.png", KINDS.png)).toBe("passwd.png");
    expect(safeName("C:\\Users\\ann\\cat.gif", KINDS.gif)).toBe("cat.gif");
    expect(safeName("dir/", KINDS.png)).toBe("file.png");
  });

  it("removes control and invisible direction characters", () => {
    expect(safeName("a\u0000b\r\nc\u007f.png", KINDS.png)).toBe("abc.png");
    expect(safeName("invoice\u202egnp.exe.pdf", KINDS.pdf)).toBe("invoicegnp.exe.pdf");
    expect(safeName("x\u200by\ufeff.webp", KINDS.webp)).toBe("xy.webp");
    expect(safeName("lone\ud800.png", KINDS.png)).toBe("lone.png");
  });

  it("replaces characters file systems refuse and collapses white space", () => {
    expect(safeName('a<b>c:"d|e?f*.png', KINDS.png)).toBe("a_b_c__d_e_f_.png");
    expect(safeName("  lots \t of   space  .png", KINDS.png)).toBe("lots of space.png");
  });

  it("gives the name the extension of what the bytes are", () => {
    expect(safeName("page.html", KINDS.png)).toBe("page.html.png");
    expect(safeName("photo", KINDS.jpeg)).toBe("photo.jpg");
    expect(safeName("report.exe", KINDS.pdf)).toBe("report.exe.pdf");
  });

  it("never answers an empty or hidden name", () => {
    expect(safeName("", KINDS.png)).toBe("file.png");
    expect(safeName("\u0000\u0001", KINDS.gif)).toBe("file.gif");
    expect(safeName(".htaccess", KINDS.png)).toBe("htaccess.png");
    expect(safeName("...", KINDS.pdf)).toBe("file.pdf");
    expect(safeName(".png", KINDS.png)).toBe("png.png");
  });

  it("limits the length in code points and keeps the extension", () => {
    const long = safeName(`${"a".repeat(500)}.png`, KINDS.png);
    expect(long).toHaveLength(NAME_MAX);
    expect(long.endsWith(".png")).toBe(true);
    const emoji = safeName(`${"😀".repeat(300)}.gif`, KINDS.gif);
    expect([...emoji]).toHaveLength(NAME_MAX);
    expect(() => encodeURIComponent(emoji)).not.toThrow(); // no half of an emoji left behind
  });
});

describe("contentDisposition", () => {
  it("sends an ASCII fallback and the exact name as UTF-8", () => {
    expect(contentDisposition("inline", "cat.png")).toBe(`inline; filename="cat.png"; filename*=UTF-8''cat.png`);
    expect(contentDisposition("attachment", "été (1).pdf")).toBe(`attachment; filename="_t_ (1).pdf"; filename*=UTF-8''%C3%A9t%C3%A9%20%281%29.pdf`);
  });

  it("cannot be broken out of by quotes, backslashes or semicolons in the name", () => {
    const header = contentDisposition("inline", `a"; filename="evil.html\\'.png`);
    expect(header).toBe(`inline; filename="a_; filename=_evil.html_'.png"; filename*=UTF-8''a%22%3B%20filename%3D%22evil.html%5C%27.png`);
  });
});
