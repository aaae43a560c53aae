// User settings, "Devices": the sessions signed in as the person, with their browser and when last seen; "Sign out"
// on one ends it at once (its sockets close with 4003), and on this device goes back to sign-in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { call, signUp } from "../helpers";
import { launch, screenshot, unlabelled, visit } from "./browser";
import { join as joinRoom } from "../rooms";

const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0";

let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

describe("devices (browser)", () => {
  it("lists the person's sessions and signs one out, then this one", async () => {
    const person = await signUp("Margaret");
    const phone = await call("/api/auth/sign-in", { method: "POST", body: { email: person.email, password: person.password }, headers: { "user-agent": FIREFOX } });
    const phoneToken = phone.body.token as string;
    const phoneSocket = await joinRoom({ ...person, token: phoneToken }, person.profile.id);

    const { page, context, errors } = await visit(browser);
    await page.goto("/sign-in");
    await page.getByLabel("E-mail").fill(person.email);
    await page.getByLabel("Password").fill(person.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Welcome, Margaret!" }).waitFor();
    await page.getByRole("link", { name: "User settings" }).click();
    await page.waitForURL("**/settings");
    await page.getByRole("heading", { name: "Devices" }).waitFor();
    const devices = page.getByRole("list", { name: "Signed-in devices" }).getByRole("listitem");
    await expect.poll(() => devices.count()).toBe(3);
    // newest first: this browser (Chromium says Chrome), then the "phone", then the sign-up's client
    await expect.poll(() => devices.nth(0).innerText()).toMatch(/Chrome on Linux\s*This device[\s\S]*Active now/);
    await expect.poll(() => devices.nth(1).innerText()).toMatch(/Firefox on Windows[\s\S]*Last seen Today at/);
    await screenshot(page, "devices");
    expect(await unlabelled(page)).toEqual([]);

    await page.getByRole("button", { name: "Sign out Firefox on Windows" }).click();
    await expect.poll(() => devices.count()).toBe(2);
    expect((await phoneSocket.closed).code).toBe(4003);
    expect((await call("/api/profile", { token: phoneToken })).status).toBe(401);
    expect((await call("/api/profile", { token: person.token })).status).toBe(200);

    await page.getByRole("button", { name: "Sign out Chrome on Linux (this device)" }).click();
    await page.waitForURL("**/sign-in");
    expect((await call("/api/auth/sessions", { token: person.token })).body).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
