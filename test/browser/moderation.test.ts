// Moderation and limits in Chromium: the slow-down notice and the kept message, the invite landing page and its
// choices, a ban from the member menu (and the banned person's refused accept), and the sign-in form's wait.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { Message, Page as History } from "../../contract";
import { call, createServer, general, join, signUp } from "../helpers";
import { launch, screenshot, signedIn, unlabelled, visit } from "./browser";
import { channelUrl, message, send } from "./chat";

let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());


/** Opens the server menu once its code is loaded (pointing at the button fetches it; the real trigger has an id). */
async function openServerMenu(page: Page, server: string) {
  await page.getByRole("button", { name: server }).hover();
  const trigger = page.locator("button[id][aria-haspopup]").filter({ hasText: server });
  await trigger.click();
}

describe("moderation and limits in the browser", () => {
  it("holds the 6th quick message behind a slow-down notice, then sends it once", async () => {
    const sender = await signedIn(browser, "Quick");
    const view = await createServer(sender.person, "Fast talkers");
    await sender.page.goto(channelUrl(view));
    const input = sender.page.getByRole("textbox", { name: /^Message / });
    await expect.poll(() => input.isEnabled()).toBe(true);
    for (let i = 1; i <= 6; i++) await send(sender.page, `quick message ${i}`);
    const notice = sender.page.getByRole("status").filter({ hasText: /Slow down: you can send again in \d+ s/ });
    await notice.waitFor();
    await screenshot(sender.page, "slow-down");
    // what was refused waits in the list, not failed, and nothing says "Not sent"
    await sender.page.getByText("Waiting to send…").waitFor();
    expect(await sender.page.getByText("Not sent").count()).toBe(0);

    // once the window passes it goes out by itself, and shows once
    await notice.waitFor({ state: "detached", timeout: 10_000 });
    await expect.poll(() => sender.page.getByText("Waiting to send…").count(), { timeout: 10_000 }).toBe(0);
    for (let i = 1; i <= 6; i++) await expect.poll(() => message(sender.page, `quick message ${i}`).count()).toBe(1);
    const history = await call<History<Message>>(`/api/messages?channelId=${general(view).id}&limit=20`, { token: sender.person.token });
    expect(history.body.items.map((m) => m.content).sort()).toEqual([1, 2, 3, 4, 5, 6].map((i) => `quick message ${i}`));
    expect(sender.errors).toEqual([]);
    await sender.context.close();
  });

  it("shows what an invite leads to, offers Discord's link choices, and joins only on Accept", async () => {
    const owner = await signedIn(browser, "Ines");
    const guest = await signedIn(browser, "Gil");
    const view = await createServer(owner.person, "Book club");

    // the owner makes a link for one use that expires in an hour
    await owner.page.goto(channelUrl(view));
    await openServerMenu(owner.page, "Book club");
    await owner.page.getByRole("menuitem", { name: "Invite People" }).click();
    const modal = owner.page.getByRole("dialog", { name: "Invite friends to Book club" });
    await modal.getByText("This link never expires. No limit on uses.").waitFor();
    const expire = modal.getByLabel("Expire after");
    expect((await expire.locator("option").allTextContents()).map((t) => t.trim()))
      .toEqual(["30 minutes", "1 hour", "6 hours", "12 hours", "1 day", "7 days", "Never"]);
    const uses = modal.getByLabel("Max number of uses");
    expect((await uses.locator("option").allTextContents()).map((t) => t.trim()))
      .toEqual(["No limit", "1 use", "5 uses", "10 uses", "25 uses", "50 uses", "100 uses"]);
    await expire.selectOption({ label: "1 hour" });
    await uses.selectOption({ label: "1 use" });
    const oldLink = await modal.getByLabel("Server invite link").inputValue();
    await modal.getByRole("button", { name: "Generate a new link" }).click();
    await modal.getByTestId("invite-state").filter({ hasText: /expires in 1 hour .*1 of 1 uses left/ }).waitFor();
    const link = await modal.getByLabel("Server invite link").inputValue();
    expect(link).not.toBe(oldLink);
    expect(await unlabelled(owner.page)).toEqual([]);
    await screenshot(owner.page, "invite-choices");
    await modal.getByRole("button", { name: "Close" }).click();

    // visiting shows the server and joins nothing
    await guest.page.goto(new URL(link).pathname);
    await guest.page.getByRole("heading", { name: "Book club" }).waitFor();
    await guest.page.getByText("1 member", { exact: true }).waitFor();
    await guest.page.getByText(/This invite expires in 1 hour/).waitFor();
    expect(await unlabelled(guest.page)).toEqual([]);
    await screenshot(guest.page, "invite-preview");
    expect((await call(`/api/servers/${view.id}`, { token: guest.person.token })).status).toBe(404);
    await guest.page.getByRole("button", { name: "Accept invite" }).click();
    await guest.page.waitForURL(`**/servers/${view.id}/channels/*`);
    await guest.page.getByRole("heading", { name: "general", level: 1 }).waitFor();

    // a member who comes back is told so
    await guest.page.goto(new URL(link).pathname);
    await guest.page.getByText("You're already a member").waitFor();
    await guest.page.getByText("2 members", { exact: true }).waitFor();
    await guest.page.getByRole("link", { name: "Open server" }).click();
    await guest.page.waitForURL(`**/servers/${view.id}/**`);

    // the one use is spent: the next person is told so; a code that never was says so too
    const late = await signedIn(browser, "Lou");
    await late.page.goto(new URL(link).pathname);
    await late.page.getByRole("heading", { name: "This invite has expired or reached its limit" }).waitFor();
    await late.page.goto("/invite/no-such-code");
    await late.page.getByRole("heading", { name: "This invite is invalid" }).waitFor();

    // someone signed out signs in first, and comes back to the invite, not into the server
    const fresh = await signUp("Fay");
    const open = await createServer(owner.person, "Open house");
    const visitor = await visit(browser);
    await visitor.page.goto(`/invite/${open.inviteCode}`);
    await visitor.page.waitForURL(/\/sign-in\?next=/);
    await visitor.page.getByLabel("E-mail").fill(fresh.email);
    await visitor.page.getByLabel("Password").fill(fresh.password);
    await visitor.page.getByRole("button", { name: "Sign in" }).click();
    await visitor.page.getByRole("heading", { name: "Open house" }).waitFor();
    await visitor.page.getByRole("button", { name: "Accept invite" }).waitFor();
    expect(new URL(visitor.page.url()).pathname).toBe(`/invite/${open.inviteCode}`);

    for (const v of [owner, guest, late, visitor]) expect(v.errors).toEqual([]);
    for (const v of [owner, guest, late, visitor]) await v.context.close();
  });

  it("bans a member from the member menu; their accept is refused until an unban", async () => {
    const owner = await signedIn(browser, "Bea");
    const troll = await signedIn(browser, "Trevor");
    const view = await createServer(owner.person, "Quiet place");
    await join(troll.person, view);
    await troll.page.goto(channelUrl(view));
    await troll.page.getByRole("heading", { name: "general", level: 1 }).waitFor();

    await owner.page.goto(channelUrl(view));
    await openServerMenu(owner.page, "Quiet place");
    await owner.page.getByRole("menuitem", { name: "Manage Members" }).click();
    const members = owner.page.getByRole("dialog", { name: "Manage members" });
    await members.getByRole("button", { name: "Actions for Trevor" }).click();
    await owner.page.getByRole("menuitem", { name: "Ban" }).click();
    const ban = owner.page.getByRole("dialog", { name: "Ban Trevor" });
    await ban.getByLabel("Reason (optional)").fill("spam links");
    expect(await unlabelled(owner.page)).toEqual([]);
    await screenshot(owner.page, "ban-member");
    await ban.getByRole("button", { name: "Ban", exact: true }).click();
    // back to the members, without Trevor
    await members.waitFor();
    await expect.poll(() => members.getByText("Trevor").count()).toBe(0);
    expect((await call(`/api/servers/${view.id}`, { token: troll.person.token })).status).toBe(404);
    await members.getByRole("button", { name: "Close" }).click();

    // the banned person can still see the invite, but accepting is refused
    await troll.page.goto(`/invite/${view.inviteCode}`);
    await troll.page.getByRole("heading", { name: "Quiet place" }).waitFor();
    await troll.page.getByRole("button", { name: "Accept invite" }).click();
    await troll.page.getByRole("alert").filter({ hasText: /banned/i }).waitFor();
    await screenshot(troll.page, "invite-banned");

    // server settings list the ban, with its reason, and Unban lets them in again
    await openServerMenu(owner.page, "Quiet place");
    await owner.page.getByRole("menuitem", { name: "Server Settings" }).click();
    const settings = owner.page.getByRole("dialog", { name: "Server settings" });
    const bans = settings.getByRole("list", { name: "Banned people" });
    await bans.getByText("Trevor").waitFor();
    await bans.getByText("Reason: spam links").waitFor();
    await settings.getByRole("button", { name: "Unban Trevor" }).click();
    await settings.getByText("No one is banned from this server.").waitFor();
    await troll.page.getByRole("button", { name: "Accept invite" }).click();
    await troll.page.waitForURL(`**/servers/${view.id}/channels/*`);

    expect(owner.errors).toEqual([]);
    expect(troll.errors).toEqual([]);
    await owner.context.close();
    await troll.context.close();
  });

  it("tells when to try signing in again after 5 wrong passwords", async () => {
    const person = await signUp("Wanda");
    const { page, context, errors } = await visit(browser);
    for (let i = 0; i < 4; i++) {
      const res = await call("/api/auth/sign-in", { method: "POST", body: { email: person.email, password: "wrong password" } });
      expect(res.status).toBe(401);
    }
    await page.goto("/sign-in");
    await page.getByLabel("E-mail").fill(person.email);
    await page.getByLabel("Password").fill("still the wrong one");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: "Wrong e-mail or password" }).waitFor();
    // the 6th try, even with the right password, waits
    await page.getByLabel("Password").fill(person.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: /^Too many attempts\. Try again in \d+ (minutes?|seconds?)\.$/ }).waitFor();
    await screenshot(page, "sign-in-wait");
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    expect(errors).toEqual([]);
    await context.close();
  });
});
