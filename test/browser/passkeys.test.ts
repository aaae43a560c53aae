// Passkeys in Chromium with its virtual authenticator (the DevTools protocol's WebAuthn domain), no mock: add one in
// User settings, sign out, sign in with it, then remove it. WebAuthn takes no IP address as the relying party, so
// this browser reaches the worker as localhost.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser } from "playwright-core";
import { call, signUp, workerUrl } from "../helpers";
import { CHROMIUM_ARGS, screenshot } from "./browser";

const port = new URL(workerUrl).port;
const base = `http://localhost:${port}`;
let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    // the worker listens on 127.0.0.1 only
    args: [...CHROMIUM_ARGS, "--host-resolver-rules=MAP localhost 127.0.0.1"],
    headless: true,
  });
});
afterAll(async () => browser?.close());

describe("passkeys (browser)", () => {
  it("adds a passkey, signs in with it, and removes it", async () => {
    const person = await signUp("Hedy");
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 }, colorScheme: "dark" });
    context.setDefaultTimeout(10_000);
    await context.addCookies([{ name: "session", value: person.token, url: base, httpOnly: true, sameSite: "Lax" }]);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    const cdp = await context.newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });

    await page.goto("/settings");
    const list = page.getByRole("list", { name: "Your passkeys" });
    await list.getByText("No passkeys yet.").waitFor();
    await page.getByRole("button", { name: "Add a passkey" }).click();
    await list.getByText("Chrome on Linux").waitFor();
    const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0].isResidentCredential).toBe(true);
    expect((await call("/api/passkeys", { token: person.token })).body).toEqual([{ id: expect.any(String), name: "Chrome on Linux", createdAt: expect.any(String), lastUsedAt: null }]);
    await screenshot(page, "passkeys");

    await page.getByRole("button", { name: "Sign out", exact: true }).first().click();
    await page.waitForURL("**/sign-in");
    await page.getByRole("button", { name: "Use a passkey" }).click();
    await page.getByRole("heading", { name: "Welcome, Hedy!" }).waitFor();
    // signing out ended the first session; the passkey made a new one, and now says when it was last used
    expect((await call("/api/profile", { token: person.token })).status).toBe(401);
    const token = (await context.cookies(base)).find((c) => c.name === "session")!.value;
    expect((await call("/api/profile", { token })).body.id).toBe(person.profile.id);
    const [used] = (await call("/api/passkeys", { token })).body;
    expect(used.lastUsedAt).toEqual(expect.any(String));

    await page.goto("/settings");
    await page.getByRole("button", { name: "Remove passkey Chrome on Linux" }).click();
    await list.getByText("No passkeys yet.").waitFor();
    expect((await call("/api/passkeys", { token })).body).toEqual([]);
    // the authenticator still holds the key, but it no longer signs anyone in
    await page.getByRole("button", { name: "Sign out", exact: true }).first().click();
    await page.waitForURL("**/sign-in");
    await page.getByRole("button", { name: "Use a passkey" }).click();
    await page.getByRole("alert").filter({ hasText: "That passkey could not sign you in" }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
