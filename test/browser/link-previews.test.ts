// A link preview in Chromium, with two people: one posts a link, and both see Discord's card appear without a
// reload, its image served by the worker; a link written <…> gets no card.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { createServer, join } from "../helpers";
import { site, startSite } from "../preview-site";
import { launch, signedIn } from "./browser";
import { channelUrl, live, messages, send } from "./chat";

const pages = startSite();
let browser: Browser;
beforeAll(async () => {
  await pages.start();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await pages.stop();
});

describe("link previews in the browser", () => {
  it("shows the preview card live to both people, with the page's image from the worker", async () => {
    const poster = await signedIn(browser, "Petra");
    const reader = await signedIn(browser, "Rob");
    const view = await createServer(poster.person, "Links");
    await join(reader.person, view);
    await Promise.all([poster.page.goto(channelUrl(view)), reader.page.goto(channelUrl(view))]);
    await Promise.all([live(poster.page), live(reader.page)]);

    const link = `${site}/og?t=browser${Date.now()}`;
    await send(poster.page, `have a look: ${link}`);
    for (const page of [reader.page, poster.page]) {
      const card = messages(page).getByTestId("embed");
      await card.getByTestId("embed-title").filter({ hasText: "Open & Graph" }).waitFor({ timeout: 15_000 });
      expect(await card.getByText("Test Site").count()).toBe(1);
      expect(await card.getByTestId("embed-description").textContent()).toBe("What the page is about");
      expect(await card.getByTestId("embed-title").getAttribute("href")).toBe(link);
      const image = card.getByTestId("embed-image");
      expect(await image.getAttribute("src")).toMatch(/^\/api\/files\//);
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    }

    // <…> suppresses the card: of this message's two links only the other one gets a card
    await send(poster.page, `no card for <${site}/og?t=quiet${Date.now()}>, but one for ${site}/plain?t=loud${Date.now()}`);
    await messages(reader.page).getByTestId("embed-title").filter({ hasText: "Plain & simple" }).waitFor({ timeout: 15_000 });
    expect(await messages(reader.page).getByTestId("embed").count()).toBe(2);

    expect(poster.errors).toEqual([]);
    expect(reader.errors).toEqual([]);
    await poster.context.close();
    await reader.context.close();
  });
});
