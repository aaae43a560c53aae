// The preview fetcher's host rules, case by case: every kind of address the contract refuses, and public ones.
import { describe, expect, it } from "vitest";
import { allowList, isPublicHostname, mayFetch } from "./hosts";

const refused = [
  "localhost", "LOCALHOST", "api.localhost", "printer.local", "db.internal", "intranet", "localhost.",
  "127.0.0.1", "127.1.2.3", "0.0.0.0", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
  "100.64.0.1", "100.127.255.255", "224.0.0.1", "239.255.255.250", "255.255.255.255", "240.0.0.1",
  "[::1]", "[::]", "[fe80::1]", "[fc00::1]", "[fd12:3456::1]", "[ff02::1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]",
  "[::ffff:10.0.0.1]", "[64:ff9b::a00:1]", "1.2.3",
];
const allowed = ["example.com", "www.example.co.uk", "93.184.216.34", "8.8.8.8", "100.128.0.1", "172.32.0.1", "[2606:4700:4700::1111]", "[::ffff:8.8.8.8]"];

describe("preview hosts", () => {
  it.each(refused)("refuses %s", (host) => expect(isPublicHostname(host)).toBe(false));
  it.each(allowed)("allows %s", (host) => expect(isPublicHostname(host)).toBe(true));

  it("reads hosts as the URL parser canonicalises them (hex, decimal and short forms of 127.0.0.1)", () => {
    for (const url of ["http://0x7f.1/", "http://2130706433/", "http://127.1/", "http://0177.0.0.1/", "http://[0:0:0:0:0:0:0:1]/"])
      expect(mayFetch(new URL(url), new Set()), url).toBe(false);
  });

  it("takes only http and https on their usual ports, without credentials, unless the host is allowed", () => {
    const none = new Set<string>();
    expect(mayFetch(new URL("https://example.com/a"), none)).toBe(true);
    expect(mayFetch(new URL("http://example.com:80/a"), none)).toBe(true);
    expect(mayFetch(new URL("http://example.com:8080/a"), none)).toBe(false);
    expect(mayFetch(new URL("ftp://example.com/a"), none)).toBe(false);
    expect(mayFetch(new URL("https://user:pw@example.com/"), none)).toBe(false);
    const allow = allowList(" 127.0.0.1:4000 , Example.test:443");
    expect(mayFetch(new URL("http://127.0.0.1:4000/og"), allow)).toBe(true);
    expect(mayFetch(new URL("http://127.0.0.1:4001/og"), allow)).toBe(false);
    expect(mayFetch(new URL("http://localhost:4000/og"), allow)).toBe(false);
    expect(mayFetch(new URL("https://example.test/x"), allow)).toBe(true);
  });
});
