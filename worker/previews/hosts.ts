// Which links the worker may fetch for a preview: http(s) to a public host on its usual port. Never loopback,
// private, link-local, carrier-grade NAT, multicast, unique-local or otherwise reserved addresses, nor `localhost`
// and names under `.localhost`, `.local` or `.internal`; the LINK_PREVIEW_ALLOW setting (`host:port`, comma-
// separated) lets listed hosts through, for tests. The URL parser has already turned `0x7f.1` or `2130706433` into
// 127.0.0.1, so only the canonical forms are looked at here.

/** `a.b.c.d` as four numbers, or undefined when it is not a dotted IPv4 address. */
function ipv4(host: string): number[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : undefined;
}

function publicV4([a, b, c]: number[]): boolean {
  if (a === 0 || a === 10 || a === 127) return false; // "this network", private, loopback
  if (a === 100 && b >= 64 && b <= 127) return false; // carrier-grade NAT
  if (a === 169 && b === 254) return false; // link-local
  if (a === 172 && b >= 16 && b <= 31) return false; // private
  if (a === 192 && b === 168) return false; // private
  if (a === 192 && b === 0 && (c === 0 || c === 2)) return false; // IETF protocol assignments, documentation
  if (a === 198 && (b === 18 || b === 19)) return false; // benchmarking
  if (a === 198 && b === 51 && c === 100) return false; // documentation
  if (a === 203 && b === 0 && c === 113) return false; // documentation
  if (a >= 224) return false; // multicast, reserved, broadcast
  return true;
}

/** The 8 groups of an IPv6 address (as the URL parser writes it, without brackets), or undefined. */
function ipv6(host: string): number[] | undefined {
  if (!host.includes(":")) return undefined;
  let text = host;
  // an embedded IPv4 tail (::ffff:1.2.3.4) becomes two groups
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const v4 = ipv4(tail[1]);
    if (!v4) return undefined;
    text = text.slice(0, -tail[1].length) + `${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const [head, rest] = text.split("::");
  const groups = (s: string | undefined) => (s ? s.split(":") : []);
  const left = groups(head), right = groups(rest);
  const missing = 8 - left.length - right.length;
  if (text.includes("::") ? missing < 0 : missing !== 0) return undefined;
  const all = [...left, ...Array(text.includes("::") ? missing : 0).fill("0"), ...right];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  return all.map((g) => parseInt(g, 16));
}

function publicV6(g: number[]): boolean {
  if (g.every((x) => x === 0)) return false; // unspecified
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return false; // loopback
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d): as the IPv4 address
  const v4 = [g[6] >> 8, g[6] & 255, g[7] >> 8, g[7] & 255];
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) return publicV4(v4);
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return publicV4(v4);
  if ((g[0] & 0xfe00) === 0xfc00) return false; // unique-local fc00::/7
  if ((g[0] & 0xffc0) === 0xfe80) return false; // link-local fe80::/10
  if ((g[0] & 0xffc0) === 0xfec0) return false; // site-local (deprecated) fec0::/10
  if ((g[0] & 0xff00) === 0xff00) return false; // multicast
  if (g[0] === 0x2001 && g[1] === 0xdb8) return false; // documentation
  return true;
}

const LOCAL_NAMES = /(^|\.)(localhost|local|internal)$/i;

/** Whether a URL host (hostname, as `URL.hostname` gives it) names a public place. */
export function isPublicHostname(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "").toLowerCase();
  if (!host) return false;
  const v4 = ipv4(host);
  if (v4) return publicV4(v4);
  if (host.includes(":")) {
    const v6 = ipv6(host);
    return !!v6 && publicV6(v6);
  }
  // a bare name with no dot (an intranet name) is not on the public internet either
  if (!host.includes(".") || LOCAL_NAMES.test(host)) return false;
  // a name made only of digits and dots that is no address (1.2.3) is refused rather than guessed at
  return !/^[\d.]+$/.test(host);
}

/** The hosts LINK_PREVIEW_ALLOW lets through, as `host:port`. */
export const allowList = (setting: string | undefined) =>
  new Set((setting ?? "").split(",").map((s) => s.trim().toLowerCase()).filter(Boolean));

/** Whether the worker may fetch this url for a preview (or a preview's image, or a redirect's target). */
export function mayFetch(url: URL, allowed: Set<string>): boolean {
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  if (url.username || url.password) return false;
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  if (allowed.has(`${url.hostname.toLowerCase()}:${port}`)) return true;
  // another port on a public host is most often a service that was never meant to be a page
  if (url.port && url.port !== "80" && url.port !== "443") return false;
  return isPublicHostname(url.hostname);
}
