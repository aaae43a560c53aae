// Two people in two browsers: a server made and joined by invite link, a chat both ways, edits and deletes,
// what a GUEST is offered, a direct message, and polling when the room connection is cut — all live.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, WebSocketRoute } from "playwright-core";
import { uniqueEmail } from "../helpers";
import { launch, screenshot, signedIn, unlabelled, visit, type Visitor } from "./browser";
import { indicator, LIVE, live, message, messages, send } from "./chat";

let browser: Browser;
let alice: Visitor;
let bob: Visitor & { person: Awaited<ReturnType<typeof signedIn>>["person"] };
let inviteUrl = "";
let serverId = "";
let generalUrl = "";

beforeAll(async () => {
  browser = await launch();
  alice = await visit(browser);
  bob = await signedIn(browser, "Bob");
});
afterAll(async () => browser?.close());

describe("chatting in the browser", () => {
  it("signs up, creates a server from the first-run screen and copies its invite link", async () => {
    const { page } = alice;
    await page.goto("/sign-up");
    await page.getByLabel("Display name").fill("Alice");
    await page.getByLabel("E-mail").fill(uniqueEmail("alice"));
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.getByRole("button", { name: "Create a server" }).click();

    const dialog = page.getByRole("dialog", { name: "Customize your server" });
    await dialog.getByRole("button", { name: "Create" }).click();
    await dialog.getByText("Name must be at least 1 character").waitFor();
    await screenshot(page, "create-server-modal");
    await dialog.getByLabel("Server name").fill("Edge Club");
    await dialog.getByRole("button", { name: "Create" }).click();
    await page.waitForURL(/\/servers\/[^/]+\/channels\/[^/]+$/);
    generalUrl = new URL(page.url()).pathname;
    serverId = generalUrl.split("/")[2];
    await live(page);

    await page.getByRole("button", { name: "Edge Club" }).click();
    await page.getByRole("menuitem", { name: "Invite People" }).click();
    const invite = page.getByRole("dialog", { name: "Invite friends to Edge Club" });
    const link = invite.getByLabel("Server invite link");
    const firstUrl = await link.inputValue();
    await invite.getByRole("button", { name: "Copy invite link" }).click();
    await invite.getByRole("button", { name: "Copied" }).waitFor();
    await invite.getByRole("button", { name: "Generate a new link" }).click();
    await expect.poll(() => link.inputValue()).not.toBe(firstUrl);
    inviteUrl = await link.inputValue();
    expect(inviteUrl).toMatch(/\/invite\/[^/]+$/);
    await screenshot(page, "invite-modal");
    await invite.getByRole("button", { name: "Close" }).click();
    expect(alice.errors).toEqual([]);
  });

  it("lets the other person join by the invite link, and both see each other's messages live", async () => {
    await bob.page.goto(new URL(inviteUrl).pathname);
    // the invite shows where it leads before anyone joins
    await bob.page.getByRole("heading", { name: "Edge Club" }).waitFor();
    await bob.page.getByRole("button", { name: "Accept invite" }).click();
    await bob.page.waitForURL(`**${generalUrl}`);
    await live(bob.page);
    // Alice's sidebar learns of Bob when the server view is refreshed; the chat needs no refresh at all
    await send(alice.page, "Hello Bob, welcome to the club!");
    await message(bob.page, "Hello Bob, welcome to the club!").waitFor();
    await send(bob.page, "Thanks Alice 👋");
    await message(alice.page, "Thanks Alice 👋").waitFor();
    // the optimistic copy is replaced by the echo, never doubled
    await expect.poll(() => message(alice.page, "Hello Bob").count()).toBe(1);
    await expect.poll(() => message(bob.page, "Thanks Alice").count()).toBe(1);
    await send(alice.page, "The docs: https://example.com/docs.");
    const link = messages(bob.page).getByRole("link", { name: "https://example.com/docs" });
    await link.waitFor();
    expect(await link.getAttribute("href")).toBe("https://example.com/docs");
    await screenshot(alice.page, "chat");
    expect(await unlabelled(alice.page)).toEqual([]);
    expect(alice.errors).toEqual([]);
    expect(bob.errors).toEqual([]);
  });

  it("shows an edit and a delete to the other person", async () => {
    const { page } = alice;
    const id = await messages(page).getByRole("listitem").filter({ hasText: "Hello Bob" }).getAttribute("data-message-id");
    const row = page.locator(`[data-message-id="${id}"]`);
    await row.hover();
    await row.getByRole("button", { name: "Edit message" }).click();
    const field = row.getByRole("textbox", { name: "Edit message" });
    await field.fill("never mind");
    await field.press("Escape");
    await expect.poll(() => message(page, "Hello Bob, welcome").count()).toBe(1);

    await row.hover();
    await row.getByRole("button", { name: "Edit message" }).click();
    await row.getByRole("textbox", { name: "Edit message" }).fill("Hello Bob, welcome aboard!");
    await row.getByRole("textbox", { name: "Edit message" }).press("Enter");
    await message(bob.page, "Hello Bob, welcome aboard!(edited)").waitFor();

    const bobRow = messages(bob.page).getByRole("listitem").filter({ hasText: "welcome aboard" });
    await bobRow.hover();
    // a GUEST may delete only their own messages, and edit only their own
    expect(await bobRow.getByRole("button", { name: "Delete message" }).count()).toBe(0);
    expect(await bobRow.getByRole("button", { name: "Edit message" }).count()).toBe(0);

    const thanks = messages(page).getByRole("listitem").filter({ hasText: "Thanks Alice" });
    await thanks.hover();
    await thanks.getByRole("button", { name: "Delete message" }).click(); // an ADMIN may delete anyone's
    await page.getByRole("dialog", { name: "Delete message" }).getByRole("button", { name: "Delete" }).click();
    await message(bob.page, "This message has been deleted.").waitFor();
    await expect.poll(() => message(bob.page, "Thanks Alice").count()).toBe(0);
    await screenshot(bob.page, "edited-and-deleted");
  });

  it("offers a GUEST no admin menu items", async () => {
    const { page } = bob;
    // by keyboard: focus the server's name and press Enter
    await page.getByRole("button", { name: "Edge Club" }).focus();
    await page.keyboard.press("Enter");
    const menu = page.getByRole("menu");
    await menu.getByRole("menuitem", { name: "Leave Server" }).waitFor();
    const items = await menu.getByRole("menuitem").allTextContents();
    expect(items.map((t) => t.trim())).toEqual(["Leave Server"]);
    await screenshot(page, "guest-menu");
    await page.keyboard.press("Escape");

    await alice.page.getByRole("button", { name: "Edge Club" }).click();
    await alice.page.getByRole("menuitem", { name: "Delete Server" }).waitFor();
    const adminItems = await alice.page.getByRole("menu").getByRole("menuitem").allTextContents();
    expect(adminItems.map((t) => t.trim())).toEqual(["Invite People", "Server Settings", "Manage Members", "Audit Log", "Create Channel", "Delete Server"]);
    await screenshot(alice.page, "admin-menu");
    await alice.page.keyboard.press("Escape");
  });

  it("opens a direct message from a member in the sidebar, live both ways", async () => {
    // no reload: Bob's first message told Alice's page to refresh the member list
    await bob.page.getByRole("navigation", { name: "Members" }).getByRole("link", { name: "Message Alice" }).click();
    await bob.page.getByRole("heading", { name: "Alice", exact: true, level: 1 }).waitFor();
    await live(bob.page);

    await alice.page.getByRole("navigation", { name: "Members" }).getByRole("link", { name: "Message Bob" }).click();
    await alice.page.getByRole("heading", { name: "Bob", exact: true, level: 1 }).waitFor();
    await live(alice.page);

    await send(bob.page, "Just between us: the club is great");
    await message(alice.page, "Just between us").waitFor();
    await send(alice.page, "Glad you like it");
    await message(bob.page, "Glad you like it").waitFor();
    await screenshot(alice.page, "direct-message");
    expect(alice.errors).toEqual([]);
    expect(bob.errors).toEqual([]);
  });

  it("falls back to polling every second when the room connection is cut, and goes live again", async () => {
    const { page, context } = bob;
    // cut: every open room socket is closed and no new ticket is handed out, so partysocket cannot reconnect
    let cut = false;
    const sockets: WebSocketRoute[] = [];
    await context.routeWebSocket(/\/parties\//, (ws) => {
      if (cut) return ws.close();
      ws.connectToServer();
      sockets.push(ws);
    });
    await context.route("**/api/realtime/ticket**", (route) => (cut ? route.fulfill({ status: 503, json: { error: "cut" } }) : route.continue()));
    await page.goto(generalUrl);
    await alice.page.goto(generalUrl);
    await live(page);

    cut = true;
    await Promise.all(sockets.map((ws) => ws.close()));
    await expect.poll(() => indicator(page).textContent()).toBe("Fallback: Polling every 1s");
    await screenshot(page, "fallback");

    await send(alice.page, "Can you still read me?");
    await message(page, "Can you still read me?").waitFor({ timeout: 5000 });
    const poll = () => page.waitForRequest((r) => r.url().includes("after="), { timeout: 1500 });
    await poll();
    await poll(); // and again a second later
    await send(page, "Loud and clear, by polling");
    await message(alice.page, "Loud and clear, by polling").waitFor();

    // what is sent while Bob can neither hear the room nor poll arrives by the catch-up the reopened room makes:
    // polls are refused until the page is live again, when it no longer polls, so only that catch-up can bring it
    await page.route("**/api/messages?*after=*", async (route) => ((await indicator(page).textContent()) === LIVE ? route.continue() : route.abort("connectionfailed")));
    await send(alice.page, "Sent while you were away");
    await message(alice.page, "Sent while you were away").waitFor();
    await page.waitForEvent("requestfailed", { predicate: (r) => r.url().includes("after="), timeout: 1500 });
    expect(await message(page, "Sent while you were away").count()).toBe(0);
    // a refused poll has no response: the first response is the catch-up's
    const catchUp = page.waitForResponse((r) => r.url().includes("after="), { timeout: 15_000 });
    cut = false;
    await live(page, 15_000);
    expect(new URL((await catchUp).url()).searchParams.get("after")).toMatch(/^\d+$/);
    await message(page, "Sent while you were away").waitFor();
    await send(alice.page, "And live again");
    await message(page, "And live again").waitFor();
    expect(await message(page, "Sent while you were away").count()).toBe(1);
    await page.unroute("**/api/messages?*after=*");
    expect(bob.errors).toEqual([]);
  });
});
