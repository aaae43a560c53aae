// A reaction refused for going too fast (429) goes back, with a short "slow down" note that leaves when the wait
// is over; on a worker whose reaction limit is 1 change in 3 seconds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { Message } from "../../contract";
import { call, channelQuery, createServer, join, secondWorker, signUp } from "../helpers";
import { launch, screenshot, visit } from "./browser";
import { channelUrl, message, messages } from "./chat";

let browser: Browser;
const second = secondWorker({ RATE_LIMIT_REACTIONS: "1/3" });
beforeAll(async () => {
  browser = await launch();
  await second.start();
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await second.stop();
});

describe("slow down (browser)", () => {
  it("puts back a reaction the server refused with 429 and says when to try again", async () => {
    const [ann, bob] = await Promise.all([signUp("Ann"), signUp("Bob")]);
    const view = await join(bob, await createServer(ann, "Calm"));
    const posted = await call<Message>(`/api/socket/messages?${channelQuery(view)}`, { method: "POST", token: bob.token, body: { content: "react slowly" } });
    const reacted = await call(`/api/socket/messages/${posted.body.id}/reactions/${encodeURIComponent("👍")}?${channelQuery(view)}`, { method: "PUT", token: bob.token });
    expect(reacted.status, JSON.stringify(reacted.body)).toBe(200);

    const { page, context, errors } = await visit(browser, { person: ann, base: second.url });
    await page.goto(channelUrl(view));
    await message(page, "react slowly").waitFor();
    const row = messages(page).locator("li[data-message-id]").filter({ has: page.getByTestId("message-content").filter({ hasText: "react slowly" }) });
    const chip = row.getByTestId("reaction");
    await expect.poll(() => chip.textContent()).toBe("👍1");
    await chip.click(); // Ann's one change in the window
    await expect.poll(() => chip.getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => chip.textContent()).toBe("👍2");
    await chip.click(); // too soon: refused, and the chip goes back to Ann's reaction
    const note = row.getByRole("status").filter({ hasText: /^Slow down: try again in \d seconds?$/ });
    await note.waitFor();
    expect(await chip.getAttribute("aria-pressed")).toBe("true");
    expect(await chip.textContent()).toBe("👍2");
    await screenshot(page, "reaction-slow-down");
    await note.waitFor({ state: "detached", timeout: 5000 });
    const saved = await call<Message[]>(`/api/messages?channelId=${view.channels[0].id}`, { token: ann.token });
    expect((saved.body as unknown as { items: Message[] }).items[0].reactions).toEqual([{ emoji: "👍", count: 2, me: true }]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
