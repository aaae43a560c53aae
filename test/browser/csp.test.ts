// The app runs under its Content-Security-Policy (web/public/_headers) and the browser reports no violation while
// a person signs in, opens a server and a channel, sends a message and opens the emoji picker.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { createServer } from "../helpers";
import { launch, signedIn } from "./browser";
import { channelUrl, live, message, send } from "./chat";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

it("runs with its CSP on and logs no violation", async () => {
  const ann = await signedIn(browser, "Ann");
  // every violation the page sees, from its first script on
  await ann.page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { cspViolations: string[] }).cspViolations = []);
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const server = await createServer(ann.person, "Strict");
  const response = await ann.page.goto(channelUrl(server));
  expect(response?.headers()["content-security-policy"]).toMatch(/script-src 'self'/);
  await live(ann.page);
  await send(ann.page, "hello under a strict policy");
  await message(ann.page, "hello under a strict policy").waitFor();
  await ann.page.getByRole("button", { name: /emoji/i }).first().click();
  await ann.page.locator("emoji-picker").waitFor();
  await ann.page.keyboard.press("Escape");
  const violations = await ann.page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  expect(violations).toEqual([]);
  expect(ann.errors).toEqual([]);
  await ann.context.close();
});
