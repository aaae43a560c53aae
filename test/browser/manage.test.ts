// The rest of the client in Chromium: the members and channel modals, Ctrl+K search, older pages, a failed
// send and its retry, the phone layout in the light theme, leaving and deleting a server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { ServerView } from "../../contract";
import { gif } from "../../worker/files/samples";
import { call, channelQuery, createServer, general, join, memberOf, seedMessage, signUp } from "../helpers";
import { launch, screenshot, signedIn, unlabelled } from "./browser";
import { channelUrl, messages, send } from "./chat";

let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());


describe("managing a server in the browser", () => {
  it("changes a member's role, and the new moderator creates a channel the owner renames and deletes", async () => {
    const owner = await signedIn(browser, "Olga");
    const guest = await signedIn(browser, "Gus");
    const view = await createServer(owner.person, "Workshop");
    await join(guest.person, view);

    await owner.page.goto(channelUrl(view));
    await owner.page.getByRole("button", { name: "Workshop" }).click();
    await owner.page.getByRole("menuitem", { name: "Manage Members" }).click();
    const dialog = owner.page.getByRole("dialog", { name: "Manage members" });
    await dialog.getByRole("button", { name: "Actions for Gus" }).click();
    await owner.page.getByRole("menuitem", { name: "Role" }).click();
    await owner.page.getByRole("menuitem", { name: "Moderator" }).click();
    await dialog.getByText("Moderator").waitFor();
    await screenshot(owner.page, "members-modal");
    await dialog.getByRole("button", { name: "Close" }).click();

    await guest.page.goto(channelUrl(view));
    await guest.page.getByRole("button", { name: "Workshop" }).click();
    await guest.page.getByRole("menuitem", { name: "Leave Server" }).waitFor();
    const items = (await guest.page.getByRole("menu").getByRole("menuitem").allTextContents()).map((t) => t.trim());
    expect(items).toEqual(["Invite People", "Create Channel", "Leave Server"]);
    await guest.page.getByRole("menuitem", { name: "Create Channel" }).click();
    const create = guest.page.getByRole("dialog", { name: "Create channel" });
    await create.getByLabel("Channel name").fill("General");
    await create.getByRole("button", { name: "Create" }).click();
    await create.getByText('The channel name "general" is reserved').waitFor();
    await create.getByLabel("Channel name").fill("random");
    await create.getByRole("button", { name: "Create" }).click();
    await guest.page.getByRole("heading", { name: "random", level: 1 }).waitFor();

    await owner.page.reload();
    const link = owner.page.getByRole("link", { name: "random (text channel)" });
    await link.hover();
    await owner.page.getByRole("button", { name: "Edit channel random" }).click();
    const edit = owner.page.getByRole("dialog", { name: "Edit channel" });
    await edit.getByLabel("Channel name").fill("chit-chat");
    await edit.getByLabel("Channel type").selectOption("VIDEO");
    await edit.getByRole("button", { name: "Save" }).click();
    const renamed = owner.page.getByRole("link", { name: "chit-chat (video channel)" });
    await renamed.click();
    await owner.page.getByRole("main", { name: "Call in chit-chat" }).waitFor();
    await screenshot(owner.page, "media-room");
    await renamed.hover();
    await owner.page.getByRole("button", { name: "Delete channel chit-chat" }).click();
    await owner.page.getByRole("dialog", { name: "Delete channel" }).getByRole("button", { name: "Delete Channel" }).click();
    await owner.page.waitForURL(`**${channelUrl(view)}`);
    expect(await owner.page.getByRole("link", { name: /chit-chat/ }).count()).toBe(0);

    await owner.page.getByRole("button", { name: "Workshop" }).click();
    await owner.page.getByRole("menuitem", { name: "Server Settings" }).click();
    const settings = owner.page.getByRole("dialog", { name: "Server settings" });
    const imageFile = settings.locator('input[type="file"]');
    await imageFile.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not a picture") });
    await settings.getByText("Only PNG, JPEG, GIF and WebP images can be used").waitFor();
    await imageFile.setInputFiles({ name: "logo.gif", mimeType: "image/gif", buffer: Buffer.from(gif()) });
    await settings.getByRole("button", { name: "Change the server image" }).waitFor();
    await settings.getByLabel("Server name").fill("Workshop Two");
    await settings.getByRole("button", { name: "Save" }).click();
    const serverLink = owner.page.getByRole("navigation", { name: "Servers" }).getByRole("link", { name: "Workshop Two" });
    await expect.poll(() => serverLink.locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);

    await owner.page.getByRole("button", { name: "Workshop Two" }).click();
    await owner.page.getByRole("menuitem", { name: "Manage Members" }).click();
    await dialog.getByRole("button", { name: "Actions for Gus" }).click();
    await owner.page.getByRole("menuitem", { name: "Role" }).click();
    await owner.page.getByRole("menuitem", { name: "Admin" }).click();
    await dialog.getByText("Admin", { exact: true }).waitFor();

    // another ADMIN sees the whole menu, but only the owner may delete the server
    await guest.page.reload();
    await guest.page.getByRole("button", { name: "Workshop Two" }).click();
    const deleteItem = guest.page.getByRole("menuitem", { name: "Delete Server" });
    await deleteItem.waitFor();
    expect((await guest.page.getByRole("menu").getByRole("menuitem").allTextContents()).map((t) => t.trim()))
      .toEqual(["Invite People", "Server Settings", "Manage Members", "Audit Log", "Create Channel", "Delete Server", "Leave Server"]);
    expect(await deleteItem.getAttribute("aria-disabled")).toBe("true");
    // the audit log says who did what, newest first
    await guest.page.getByRole("menuitem", { name: "Audit Log" }).click();
    const log = guest.page.getByRole("dialog", { name: "Audit log" }).getByRole("list", { name: "Audit log entries" });
    await log.getByRole("listitem").first().waitFor();
    expect((await log.getByRole("listitem").locator("p:first-child").allTextContents()).map((t) => t.trim())).toEqual([
      "Olga changed the role of Gus",
      "Olga changed the server's settings",
      "Olga deleted a channel",
      "Olga changed a channel since deleted",
      "Gus created a channel since deleted",
      "Olga changed the role of Gus",
    ]);
    await guest.page.keyboard.press("Escape");

    await dialog.getByRole("button", { name: "Actions for Gus" }).click();
    await owner.page.getByRole("menuitem", { name: "Kick" }).click();
    await expect.poll(() => dialog.getByText("Gus").count()).toBe(0);
    await dialog.getByRole("button", { name: "Close" }).click();
    expect((await call(`/api/servers/${view.id}`, { token: guest.person.token })).status).toBe(404);
    expect(owner.errors).toEqual([]);
    expect(guest.errors).toEqual([]);
    await owner.context.close();
    await guest.context.close();
  });

  it("finds channels and members with Ctrl+K", async () => {
    const owner = await signedIn(browser, "Sam");
    const friend = await signedIn(browser, "Frida");
    const view = await createServer(owner.person, "Search party");
    await join(friend.person, view);
    await friend.context.close();
    await owner.page.goto(channelUrl(view));
    await owner.page.getByRole("heading", { name: "general", level: 1 }).waitFor();
    await owner.page.keyboard.press("Control+k");
    const search = owner.page.getByRole("combobox", { name: "Search channels, members and messages" });
    await search.fill("fri");
    await owner.page.getByRole("option", { name: /Frida/ }).waitFor();
    await screenshot(owner.page, "search");
    await search.press("Enter");
    await owner.page.getByRole("heading", { name: "Frida", level: 1 }).waitFor();
    expect(owner.errors).toEqual([]);
    await owner.context.close();
  });

  it("loads older pages when scrolled to the top, and with the button", async () => {
    const reader = await signedIn(browser, "Rita");
    let view = await createServer(reader.person, "Archive");
    // fourteen posters, five messages each: within the message rate limit (5 per 5 s per member in a room)
    const posters = [reader.person, ...(await Promise.all(Array.from({ length: 13 }, (_, i) => signUp(`Archivist ${i}`))))];
    for (const p of posters.slice(1)) view = await join(p, view);
    for (let i = 1; i <= 70; i++) await seedMessage(posters[Math.floor((i - 1) / 5)], channelQuery(view), `archived message ${i}`);
    await reader.page.goto(channelUrl(view));
    await messages(reader.page).getByText("archived message 70", { exact: true }).waitFor();
    expect(await messages(reader.page).getByRole("listitem").count()).toBe(30);
    await reader.page.getByRole("log").evaluate((el) => (el.scrollTop = 0));
    await expect.poll(() => messages(reader.page).getByRole("listitem").count()).toBe(60);
    // a real click would first scroll the button into view, which reaches the top and loads by itself: press it where it is
    await reader.page.getByRole("button", { name: "Load previous messages" }).dispatchEvent("click");
    await expect.poll(() => messages(reader.page).getByRole("listitem").count()).toBe(70);
    await reader.page.getByRole("heading", { name: "Welcome to #general!" }).waitFor();
    const texts = await messages(reader.page).getByTestId("message-content").allTextContents();
    expect(texts).toEqual(Array.from({ length: 70 }, (_, i) => `archived message ${i + 1}`));
    expect(reader.errors).toEqual([]);
    await reader.context.close();
  });

  it("marks a failed send, and its retry is sent once", async () => {
    const writer = await signedIn(browser, "Wes");
    const view = await createServer(writer.person, "Flaky");
    await writer.page.goto(channelUrl(view));
    await writer.page.getByRole("heading", { name: "general", level: 1 }).waitFor();
    await writer.page.route("**/api/socket/messages?**", (route) => route.abort("connectionfailed"));
    await send(writer.page, "first try");
    const alert = messages(writer.page).getByRole("alert");
    await alert.getByText(/Not sent/).waitFor();
    await screenshot(writer.page, "failed-send");
    await writer.page.unroute("**/api/socket/messages?**");
    await alert.getByRole("button", { name: "Retry" }).click();
    await expect.poll(() => alert.count()).toBe(0);
    const stored = async () => (await call(`/api/messages?channelId=${general(view).id}`, { token: writer.person.token })).body.items.map((m: { content: string }) => m.content);
    await expect.poll(stored).toEqual(["first try"]);
    await expect.poll(() => messages(writer.page).getByRole("listitem").count()).toBe(1);
    expect(writer.errors).toEqual([]);
    await writer.context.close();
  });

  it("works on a phone in the light theme: the sidebars are a drawer", async () => {
    const phone = await signedIn(browser, "Pia", { viewport: { width: 390, height: 844 }, colorScheme: "light" });
    const friend = await signedIn(browser, "Finn");
    const view = await createServer(phone.person, "Pocket");
    await join(friend.person, view);
    await seedMessage(friend.person, channelQuery(view), "Hi from a desktop");
    await friend.context.close();
    await phone.page.goto(channelUrl(view));
    await messages(phone.page).getByText("Hi from a desktop").waitFor();
    expect(await phone.page.getByRole("navigation", { name: "Servers" }).isVisible()).toBe(false);
    await screenshot(phone.page, "phone-chat-light");
    await phone.page.getByRole("button", { name: "Open navigation" }).click();
    const drawer = phone.page.getByRole("dialog", { name: "Navigation" });
    await drawer.getByRole("navigation", { name: "Servers" }).getByRole("link", { name: "Pocket" }).waitFor();
    await screenshot(phone.page, "phone-drawer-light");
    expect(await unlabelled(phone.page)).toEqual([]);
    await drawer.getByRole("link", { name: "Message Finn" }).click();
    await phone.page.getByRole("heading", { name: "Finn", level: 1 }).waitFor();
    expect(await drawer.count()).toBe(0);
    expect(phone.errors).toEqual([]);
    await phone.context.close();
  });

  it("puts a picked emoji in the message, and switches between dark and light", async () => {
    const writer = await signedIn(browser, "Emma");
    const view = await createServer(writer.person, "Emoji");
    const { page } = writer;
    await page.goto(channelUrl(view));
    const input = page.getByRole("textbox", { name: "Message #general" });
    await input.fill("Nice ");
    const emojiButton = page.getByRole("button", { name: "Choose an emoji" });
    const picker = page.getByRole("dialog", { name: "Emoji picker" });
    await emojiButton.click();
    await picker.waitFor();
    await emojiButton.click(); // the same button closes it
    await expect.poll(() => picker.count()).toBe(0);
    await emojiButton.click();
    await picker.getByRole("combobox", { name: "Search" }).fill("thumbs up");
    await picker.getByRole("option", { name: /^👍/ }).first().waitFor();
    await screenshot(page, "emoji-picker");
    await picker.getByRole("option", { name: /^👍/ }).first().click(); // the search results are options
    await expect.poll(() => input.inputValue()).toMatch(/^Nice 👍\uFE0F?$/); // with or without the emoji presentation selector
    expect(await picker.count()).toBe(0); // picking closes the picker and gives the input its focus back
    await input.press("Enter");
    await messages(page).getByText(/^Nice 👍/).waitFor();

    const dark = () => page.evaluate(() => document.documentElement.classList.contains("dark"));
    expect(await dark()).toBe(true);
    await page.getByRole("button", { name: "Switch to light theme" }).click();
    expect(await dark()).toBe(false);
    await page.reload();
    await page.getByRole("button", { name: "Switch to dark theme" }).waitFor();
    expect(await dark()).toBe(false);
    await messages(page).getByText(/^Nice 👍/).waitFor();
    await screenshot(page, "chat-light");
    expect(writer.errors).toEqual([]);
    await writer.context.close();
  });

  it("sends an image as an attachment", async () => {
    const writer = await signedIn(browser, "Ines");
    const view = await createServer(writer.person, "Gallery");
    const { page } = writer;
    await page.goto(channelUrl(view));
    await page.getByRole("heading", { name: "general", level: 1 }).waitFor();
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");
    await page.getByRole("button", { name: "Attach a file" }).click();
    const dialog = page.getByRole("dialog", { name: "Add an attachment" });
    await dialog.locator('input[type="file"]').setInputFiles({ name: "dot.png", mimeType: "image/png", buffer: png });
    await dialog.getByRole("button", { name: "Send" }).click();
    const image = messages(page).getByRole("img", { name: "Attached image" });
    await image.waitFor();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    const stored = await call(`/api/messages?channelId=${general(view).id}`, { token: writer.person.token });
    expect(stored.body.items[0].fileUrl).toMatch(/^\/api\/files\/.+\.png$/);
    expect(writer.errors).toEqual([]);
    await writer.context.close();
  });

  it("leaves a server, and the owner deletes it", async () => {
    const owner = await signedIn(browser, "Oscar");
    const guest = await signedIn(browser, "Gina");
    const view = await createServer(owner.person, "Short-lived");
    await join(guest.person, view);
    await guest.page.goto(channelUrl(view));
    await menuItem(guest.page, "Short-lived", "Leave Server");
    await guest.page.getByRole("dialog", { name: "Leave server" }).getByRole("button", { name: "Leave Server" }).click();
    await guest.page.getByRole("heading", { name: "Welcome, Gina!" }).waitFor();
    const after = await call<ServerView>(`/api/servers/${view.id}`, { token: owner.person.token });
    expect(after.body.members.map((m) => m.profileId)).toEqual([memberOf(view, owner.person).profileId]);

    await owner.page.goto(channelUrl(view));
    await menuItem(owner.page, "Short-lived", "Delete Server");
    await owner.page.getByRole("dialog", { name: "Delete server" }).getByRole("button", { name: "Delete Server" }).click();
    await owner.page.getByRole("heading", { name: "Welcome, Oscar!" }).waitFor();
    expect((await call(`/api/servers/${view.id}`, { token: owner.person.token })).status).toBe(404);
    expect(owner.errors).toEqual([]);
    expect(guest.errors).toEqual([]);
    await owner.context.close();
    await guest.context.close();
  });
});

/**
 * Opens the server's menu and picks an item. A live change to the server (a member leaving, just before) re-renders
 * its header and may close a menu opened at that moment, as it would for a person, who opens it again.
 */
async function menuItem(page: Page, server: string, item: string) {
  for (let attempt = 1; ; attempt++) {
    await page.getByRole("button", { name: server }).click();
    try {
      await page.getByRole("menuitem", { name: item }).click({ timeout: 3000 });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}
