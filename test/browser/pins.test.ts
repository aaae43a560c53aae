// Pins in Chromium, with two people: a moderator pins from the message's toolbar, the other person's pins panel
// (opened from the chat header) shows it live, jumps to it, and the unpin disappears from it live too. A guest is
// offered no pin button in a channel.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { call, channelQuery, createServer, join, memberOf, seedMessage } from "../helpers";
import { launch, signedIn } from "./browser";
import { channelUrl, live, messages } from "./chat";
import type { Page } from "playwright-core";

/** The row of the message with this text, whose toolbar has its buttons. */
const row = (page: Page, text: string) => messages(page).locator("li[data-message-id]", { has: page.getByTestId("message-content").filter({ hasText: text }) });

let browser: Browser;
beforeAll(async () => (browser = await launch()));
afterAll(async () => browser?.close());

describe("pins in the browser", () => {
  it("a moderator pins and unpins; the other person's pins panel follows live", async () => {
    const mod = await signedIn(browser, "Mona");
    const guest = await signedIn(browser, "Gil");
    let view = await createServer(mod.person, "Pinboard");
    view = await join(guest.person, view);
    await seedMessage(guest.person, channelQuery(view), "the rules are simple");
    await seedMessage(mod.person, channelQuery(view), "something else");

    await Promise.all([mod.page.goto(channelUrl(view)), guest.page.goto(channelUrl(view))]);
    await Promise.all([live(mod.page), live(guest.page)]);

    // a guest has no pin button in a channel
    await row(guest.page, "the rules are simple").hover();
    await row(guest.page, "the rules are simple").getByRole("button", { name: "Reply" }).waitFor();
    expect(await row(guest.page, "the rules are simple").getByRole("button", { name: "Pin message" }).count()).toBe(0);

    // the guest opens the (empty) pins panel, and leaves it open
    await guest.page.getByRole("button", { name: "Pinned messages" }).click();
    const panel = guest.page.getByRole("dialog", { name: "Pinned messages" });
    await panel.getByText("This chat has no pinned messages yet.").waitFor();

    await row(mod.page, "the rules are simple").hover();
    await row(mod.page, "the rules are simple").getByRole("button", { name: "Pin message" }).click();
    await panel.getByTestId("pinned-content").filter({ hasText: "the rules are simple" }).waitFor();
    expect((await call(`/api/pins?channelId=${view.channels[0].id}`, { token: guest.person.token })).body).toHaveLength(1);

    // the moderator's own panel has it, loaded on opening
    await mod.page.getByRole("button", { name: "Pinned messages" }).click();
    const modPanel = mod.page.getByRole("dialog", { name: "Pinned messages" });
    await modPanel.getByTestId("pinned-content").filter({ hasText: "the rules are simple" }).waitFor();
    await modPanel.getByRole("button", { name: "Unpin message by Gil" }).click();
    await panel.getByText("This chat has no pinned messages yet.").waitFor();
    await modPanel.getByText("This chat has no pinned messages yet.").waitFor();
    await mod.page.keyboard.press("Escape");
    await expect.poll(() => modPanel.count()).toBe(0);

    // in a conversation either person pins, and Jump goes to the message
    await call(`/api/members/${memberOf(view, guest.person).id}?serverId=${view.id}`, { method: "PATCH", token: mod.person.token, body: { role: "GUEST" } });
    await guest.page.goto(`/servers/${view.id}/conversations/${memberOf(view, mod.person).id}`);
    await live(guest.page);
    await guest.page.getByRole("textbox", { name: /^Message / }).fill("remember this");
    await guest.page.getByRole("textbox", { name: /^Message / }).press("Enter");
    await row(guest.page, "remember this").hover();
    await row(guest.page, "remember this").getByRole("button", { name: "Pin message" }).click();
    await row(guest.page, "remember this").getByRole("button", { name: "Unpin message" }).waitFor();
    await guest.page.getByRole("button", { name: "Pinned messages" }).click();
    await panel.getByTestId("pinned-content").filter({ hasText: "remember this" }).waitFor();
    await panel.getByRole("button", { name: "Jump" }).click();
    await guest.page.waitForURL(/message=/);

    expect(mod.errors).toEqual([]);
    expect(guest.errors).toEqual([]);
    await mod.context.close();
    await guest.context.close();
  });
});
