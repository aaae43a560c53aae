// Signing up, out and in through the UI, and seeing one's servers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { call, createServer, signUp, uniqueEmail } from "../helpers";
import { launch, screenshot, visit } from "./browser";
import { channelUrl, live, send } from "./chat";

let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

describe("signing up and in (browser)", () => {
  it("signs up, sees the first-run screen, signs out and signs in again", async () => {
    const { page, context, errors } = await visit(browser);
    await page.goto("/");
    await page.waitForURL("**/sign-in");
    await page.getByRole("link", { name: "Sign up" }).click();
    await page.getByLabel("Display name").fill("Ada");
    const email = uniqueEmail("ada");
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Sign up" }).click();
    await expect.poll(() => page.getByText("Password must be at least 8 characters").count()).toBe(1);
    await screenshot(page, "sign-up-error");

    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.getByRole("heading", { name: "Welcome, Ada!" }).waitFor();
    await page.getByRole("button", { name: "Create a server" }).waitFor();
    await screenshot(page, "first-run");

    await page.getByRole("button", { name: "Sign out" }).first().click();
    await page.waitForURL("**/sign-in");
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill("wrong password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: "Wrong e-mail or password" }).waitFor();
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Welcome, Ada!" }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("signs in and sees their servers in the rail", async () => {
    const person = await signUp("Grace");
    await createServer(person, "Compilers");
    const other = await createServer(person, "Navy");
    const { page, context, errors } = await visit(browser);
    await page.goto(`/invite/${other.inviteCode}`);
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByLabel("E-mail").fill(person.email);
    await page.getByLabel("Password").fill(person.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    // back to the invite, which knows a member and offers the way in
    await page.waitForURL(`**/invite/${other.inviteCode}`);
    await page.getByText("You're already a member").waitFor();
    await page.getByRole("link", { name: "Open server" }).or(page.getByRole("button", { name: "Open server" })).click();
    await page.waitForURL(`**/servers/${other.id}/channels/*`);
    const rail = page.getByRole("navigation", { name: "Servers" });
    await rail.getByRole("link", { name: "Compilers" }).waitFor();
    await rail.getByRole("link", { name: "Navy" }).waitFor();
    await page.getByRole("heading", { name: "general", exact: true }).waitFor();
    await screenshot(page, "servers");
    expect(errors).toEqual([]);
    expect((await call("/api/servers", { token: person.token })).body).toHaveLength(2);
    await context.close();
  });

  it("goes back to sign-in when the session ends elsewhere, and returns to the same chat", async () => {
    const person = await signUp("Linus");
    const view = await createServer(person, "Kernel");
    const { page, context, errors } = await visit(browser, { person });
    const chat = channelUrl(view);
    await page.goto(chat);
    await live(page); // no polling now: the send below is what meets the 401
    expect((await call("/api/auth/sign-out", { method: "POST", token: person.token })).status).toBe(204);
    await send(page, "anyone there?");
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByLabel("E-mail").fill(person.email);
    await page.getByLabel("Password").fill(person.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`**${chat}`);
    expect(errors).toEqual([]);
    await context.close();
  });
});
