// The headers the contract's general rules ask for, on the built app's pages (served as static assets) and on API
// answers, and the session cookie's flags, against the suite's worker.
import { expect, it } from "vitest";
import { call, signUp, uniqueEmail, workerUrl } from "./helpers";

const page = (path: string) => fetch(`${workerUrl}${path}`, { headers: { accept: "text/html", "sec-fetch-mode": "navigate" } });

it("gives every page a CSP with scripts from this origin only and no framing, nosniff and a Referrer-Policy", async () => {
  for (const path of ["/", "/servers/some-server/channels/some-channel", "/invite/some-code"]) {
    const res = await page(path);
    expect(res.status, path).toBe(200);
    expect(await res.text(), path).toMatch(/<script type="module"/);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp, path).toMatch(/(^|;)\s*script-src 'self'(;|$)/);
    expect(csp, path).toMatch(/frame-ancestors 'none'/);
    expect(csp, path).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
    expect(res.headers.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
  }
  // the page has no inline script the policy would block
  expect(await (await page("/")).text()).not.toMatch(/<script>(?!<\/script>)/);
});

it("marks API answers nosniff, and those that depend on the session no-store", async () => {
  const me = await signUp("Headers");
  for (const res of [await call("/api/profile", { token: me.token }), await call("/api/servers", { token: me.token }), await call("/api/profile"), await call("/api/nowhere")]) {
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("no-store");
  }
});

it("sets the session cookie HttpOnly and SameSite=Lax (and not Secure over plain http on the loopback)", async () => {
  const res = await fetch(`${workerUrl}/api/auth/sign-up`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: uniqueEmail("cookie"), password: "correct horse battery", name: "Cookie" }),
  });
  expect(res.status).toBe(201);
  const cookie = res.headers.get("set-cookie") ?? "";
  expect(cookie).toMatch(/^session=[^;]+;/);
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Lax/i);
  expect(cookie).not.toMatch(/Secure/i);
});
