// Slowmode in Chromium, with two people: the owner turns it on in the channel's edit dialog, the guest's message box
// says so at once (no reload), counts down after each message, holds what is typed meanwhile and sends it after.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { Message, Page as HistoryPage, ServerView } from "../../contract";
import { addChannel, call, createServer, join } from "../helpers";
import { launch, signedIn } from "./browser";
import { live, message, send } from "./chat";

let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

describe("slowmode in the browser", () => {
  it("is set in the edit dialog, shows live for a guest, counts down, and sends the held message after the wait", async () => {
    const owner = await signedIn(browser, "Olive");
    const guest = await signedIn(browser, "Gale");
    const view = await createServer(owner.person, "Slow lane");
    await join(guest.person, view);
    const channel = await addChannel(owner.person, view.id, "slow-lane");
    const url = `/servers/${view.id}/channels/${channel.id}`;
    await Promise.all([owner.page.goto(url), guest.page.goto(url)]);
    await Promise.all([live(owner.page), live(guest.page)]);

    const link = owner.page.getByRole("link", { name: "slow-lane (text channel)" });
    await link.hover();
    await owner.page.getByRole("button", { name: "Edit channel slow-lane" }).click();
    const edit = owner.page.getByRole("dialog", { name: "Edit channel" });
    await edit.getByLabel("Slowmode").waitFor();
    const choices = (await edit.getByLabel("Slowmode").locator("option").allTextContents()).map((t) => t.trim());
    expect(choices).toEqual(["Off", "5s", "10s", "30s", "1m", "5m", "15m", "1h", "6h"]);
    await edit.getByLabel("Slowmode").selectOption({ label: "5s" });
    await edit.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => edit.count()).toBe(0);

    // the guest hears of it live, from the server's room
    const notice = guest.page.getByRole("status").filter({ hasText: "Slowmode is on" });
    await notice.getByText("one message every 5 seconds").waitFor();
    // the owner is exempt: no notice
    expect(await owner.page.getByRole("status").filter({ hasText: "Slowmode" }).count()).toBe(0);

    await send(guest.page, "first in the slow lane");
    await message(guest.page, "first in the slow lane").waitFor();
    await notice.getByText(/you can send again in [1-5] s/).waitFor();
    // typed during the wait: held, then sent once the wait is over
    await send(guest.page, "second, after the wait");
    await guest.page.getByText("Waiting to send…").waitFor();
    await message(owner.page, "second, after the wait").waitFor({ timeout: 15_000 });
    const history = await call<HistoryPage<Message>>(`/api/messages?channelId=${channel.id}`, { token: owner.person.token });
    const [second, first] = history.body.items;
    expect(Date.parse(second.createdAt) - Date.parse(first.createdAt)).toBeGreaterThanOrEqual(5000);

    // general keeps its name and type, but its slowmode can change too
    await owner.page.getByRole("link", { name: "general (text channel)" }).hover();
    await owner.page.getByRole("button", { name: "Edit channel general" }).click();
    expect(await edit.getByLabel("Channel name").getAttribute("readonly")).not.toBeNull();
    await edit.getByLabel("Slowmode").selectOption({ label: "10s" });
    await edit.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => edit.count()).toBe(0);
    const after = await call<ServerView>(`/api/servers/${view.id}`, { token: owner.person.token });
    expect(after.body.channels.find((c) => c.name === "general")?.slowmodeSeconds).toBe(10);

    expect(owner.errors).toEqual([]);
    expect(guest.errors).toEqual([]);
    await owner.context.close();
    await guest.context.close();
  });
});
