// Notification levels and desktop notifications in Chromium, with two people: permission is asked for only on a
// click; while another room is open a channel at its default (mentions) notifies only for a mention, a direct
// message notifies; a server set to "Nothing" mutes its channels (no unread mark) while their mentions still count.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { Conversation } from "../../contract";
import { addChannel, call, createServer, join, memberOf, seedMessage, workerUrl } from "../helpers";
import { launch, signedIn } from "./browser";
import { live } from "./chat";

let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

/** Records every desktop notification the page makes, and every permission request, before the page loads. */
function watchNotifications(page: Page) {
  return page.addInitScript(() => {
    const w = window as unknown as { shown: { title: string; body: string }[]; asked: number };
    w.shown = [];
    w.asked = 0;
    const Native = window.Notification;
    const Watched = class extends Native {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        w.shown.push({ title, body: options?.body ?? "" });
      }
    } as typeof Notification;
    Object.defineProperty(Watched, "permission", { get: () => Native.permission });
    Watched.requestPermission = () => (w.asked++, Native.requestPermission());
    window.Notification = Watched;
  });
}
const shown = (page: Page) => page.evaluate(() => (window as unknown as { shown: { title: string; body: string }[] }).shown);
const asked = (page: Page) => page.evaluate(() => (window as unknown as { asked: number }).asked);

describe("notifications in the browser", () => {
  it("asks on a click only, notifies what the level lets through, and mutes a server's channels but not their mentions", async () => {
    const ann = await signedIn(browser, "Ann");
    const bob = await signedIn(browser, "Bob");
    let view = await createServer(ann.person, "Buzz");
    view = await join(bob.person, view);
    const other = await addChannel(ann.person, view.id, "elsewhere");
    const general = view.channels[0];
    await bob.context.grantPermissions(["notifications"], { origin: workerUrl });
    await watchNotifications(bob.page);

    // Bob sits in another channel of the server
    await bob.page.goto(`/servers/${view.id}/channels/${other.id}`);
    await live(bob.page);
    expect(await asked(bob.page)).toBe(0); // never on load
    await bob.page.getByRole("button", { name: "Notification settings" }).click();
    const menu = bob.page.getByRole("menu", { name: "Notification settings" });
    expect(await menu.getByRole("menuitemradio", { checked: true }).textContent()).toContain("Only @mentions");
    await bob.page.keyboard.press("Escape");

    // a plain message in general: nothing (channels notify mentions by default); a mention: a notification
    const query = `serverId=${view.id}&channelId=${general.id}`;
    await seedMessage(ann.person, query, "hello everybody");
    const bobMember = memberOf(view, bob.person).id;
    await seedMessage(ann.person, query, `<@${bobMember}> look at this`);
    await expect.poll(() => shown(bob.page)).toEqual([{ title: "Ann (#general, Buzz)", body: "@Bob look at this" }]);

    // a direct message notifies (a conversation's default is every message)
    const conversation = (await call<Conversation>("/api/conversations", { method: "POST", token: ann.person.token, body: { serverId: view.id, memberId: bobMember } })).body;
    await call(`/api/socket/direct-messages?conversationId=${conversation.id}`, { method: "POST", token: ann.person.token, body: { content: "psst, Bob" } });
    await expect.poll(async () => (await shown(bob.page)).at(-1)).toEqual({ title: "Ann", body: "psst, Bob" });

    // the whole server to "Nothing", from the server menu: general shows no unread mark, its mention still counts
    await bob.page.getByRole("button", { name: "Buzz" }).click();
    await bob.page.getByRole("menuitemradio", { name: "Nothing" }).click();
    await expect.poll(() => call<{ roomId: string; level: string }[]>("/api/notification-settings", { token: bob.person.token }).then((r) => r.body)).toEqual([{ roomId: view.id, level: "none" }]);
    const before = (await shown(bob.page)).length;
    await seedMessage(ann.person, query, "muted chatter");
    await seedMessage(ann.person, query, `<@${bobMember}> muted but mentioned`);
    const generalLink = bob.page.getByRole("link", { name: "general (text channel)" });
    const badge = bob.page.getByRole("status", { name: /mentions in general$/ });
    await expect.poll(() => badge.getAttribute("aria-label")).toBe("2 mentions in general");
    expect(await generalLink.getAttribute("data-unread")).toBeNull();
    expect((await shown(bob.page)).length).toBe(before);

    // a channel of its own level overrides its server's, from the chat header's menu
    await bob.page.goto(`/servers/${view.id}/channels/${general.id}`);
    await live(bob.page);
    await bob.page.getByRole("button", { name: "Notification settings" }).click();
    await menu.getByRole("menuitemradio", { name: "All messages" }).click();
    await expect.poll(() => call<{ roomId: string; level: string }[]>("/api/notification-settings", { token: bob.person.token }).then((r) => r.body.length)).toBe(2);
    expect(await asked(bob.page)).toBe(0); // already granted: nothing more to ask

    expect(ann.errors).toEqual([]);
    expect(bob.errors).toEqual([]);
    await ann.context.close();
    await bob.context.close();
  });

  it("asks the browser for permission when the person clicks to enable desktop notifications", async () => {
    const cat = await signedIn(browser, "Cat");
    const view = await createServer(cat.person, "Ask");
    await watchNotifications(cat.page);
    await cat.page.goto(`/servers/${view.id}/channels/${view.channels[0].id}`);
    await live(cat.page);
    expect(await asked(cat.page)).toBe(0);
    await cat.page.getByRole("button", { name: "Notification settings" }).click();
    await cat.page.getByRole("menuitem", { name: "Enable desktop notifications" }).click();
    await expect.poll(() => asked(cat.page)).toBe(1);
    expect(cat.errors).toEqual([]);
    await cat.context.close();
  });
});
