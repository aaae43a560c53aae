// Message search in Chromium: the header's box with a filter and its completion, the results beside the chat, and
// a click that opens an old message far outside the loaded pages, scrolled to and highlighted.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { channelQuery, createServer, general, join, memberOf, seedMessage, sql } from "../helpers";
import { launch, signedIn } from "./browser";
import { channelUrl, live, message } from "./chat";

/** what a person sees may take a moment on a busy machine: conditions are awaited up to this long */
const POLL = { timeout: 10_000 };

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

it("finds messages by words and a from: filter picked from the completion", async () => {
  const grace = await signedIn(browser, "Grace");
  const alan = await signedIn(browser, "Alan");
  let view = await createServer(grace.person, "Searchers");
  view = await join(alan.person, view);
  await seedMessage(grace.person, channelQuery(view), "the deployment went fine");
  await seedMessage(alan.person, channelQuery(view), "my deploy failed");
  await seedMessage(grace.person, channelQuery(view), "lunch at noon");

  await alan.page.goto(channelUrl(view));
  await live(alan.page);
  const box = alan.page.getByRole("combobox", { name: "Search messages" });
  await alan.page.keyboard.press("Control+f");
  await expect.poll(() => alan.page.evaluate(() => document.activeElement?.getAttribute("aria-label")), POLL).toBe("Search messages");
  await box.pressSequentially("deplo from:Gr");
  const options = alan.page.getByRole("listbox", { name: "Search options" });
  await options.getByRole("option", { name: "Grace" }).waitFor();
  await box.press("Enter"); // completes the filter
  await expect.poll(() => box.inputValue(), POLL).toBe("deplo from:Grace ");
  await box.press("Enter"); // searches

  const results = alan.page.getByRole("complementary", { name: "Search results" });
  const texts = results.getByTestId("search-result-text");
  await expect.poll(() => texts.allTextContents(), POLL).toEqual(["the deployment went fine"]);
  expect(await results.locator("mark").allTextContents()).toEqual(["deployment"]);
  await results.getByText("1 result").waitFor();
  expect(alan.errors).toEqual([]);
  await Promise.all([grace.context.close(), alan.context.close()]);
});

it("shows a mention in a result as the member's name, as the chat does", async () => {
  const grace = await signedIn(browser, "Grace");
  const alan = await signedIn(browser, "Alan");
  let view = await createServer(grace.person, "Mentioned");
  view = await join(alan.person, view);
  await seedMessage(alan.person, channelQuery(view), `the rollout is done, thanks <@${memberOf(view, grace.person).id}>!`);

  await alan.page.goto(channelUrl(view));
  await live(alan.page);
  const chatMention = message(alan.page, "the rollout is done").getByTestId("mention");
  await expect.poll(() => chatMention.textContent(), POLL).toBe("@Grace");
  const box = alan.page.getByRole("combobox", { name: "Search messages" });
  await box.fill("rollout");
  await box.press("Enter");

  const results = alan.page.getByRole("complementary", { name: "Search results" });
  const text = results.getByTestId("search-result-text");
  await expect.poll(() => text.allTextContents(), POLL).toEqual(["the rollout is done, thanks @Grace!"]);
  expect(await text.getByTestId("mention").allTextContents()).toEqual(["@Grace"]);
  expect(await results.locator("mark").allTextContents()).toEqual(["rollout"]);
  expect(alan.errors).toEqual([]);
  await Promise.all([grace.context.close(), alan.context.close()]);
});

it("jumps to an old message outside the loaded pages, with older and newer ones loadable from there", async () => {
  const grace = await signedIn(browser, "Grace");
  const view = await createServer(grace.person, "Archive search");
  const channelId = general(view).id;
  const memberId = memberOf(view, grace.person).id;
  // 300 messages, written straight to the database (the rate limit is not what this test is about); the index
  // follows them by its triggers as it follows every write
  await sql.execute({
    sql: `INSERT INTO messages (id, content, channel_id, member_id, created_at, updated_at)
          WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
          SELECT printf('old-%s-%04d', :channel, i), CASE WHEN i = 20 THEN 'the needle is here' ELSE 'filler number ' || i END,
                 :channel, :member, strftime('%Y-%m-%dT%H:%M:%fZ', 'now', printf('-%d seconds', 400 - i)), strftime('%Y-%m-%dT%H:%M:%fZ', 'now', printf('-%d seconds', 400 - i))
          FROM n`,
    args: { channel: channelId, member: memberId },
  });
  await grace.page.goto(channelUrl(view));
  await message(grace.page, "filler number 300").waitFor();
  expect(await message(grace.page, "the needle is here").count()).toBe(0);

  const box = grace.page.getByRole("combobox", { name: "Search messages" });
  await box.fill("needle");
  await box.press("Enter");
  await grace.page.getByRole("button", { name: "Jump to the message by Grace" }).click();

  const needle = message(grace.page, "the needle is here");
  await needle.waitFor();
  await expect.poll(() => needle.isVisible(), POLL).toBe(true);
  const item = grace.page.locator('[data-jumped="true"]');
  await expect.poll(() => item.count(), POLL).toBe(1);
  expect(await item.getByTestId("message-content").textContent()).toContain("the needle is here");
  // its neighbours on both sides are there, and the newest messages come back when scrolled down
  await message(grace.page, "filler number 19").waitFor();
  await message(grace.page, "filler number 21").waitFor();
  // going down loads the newer pages one after another, up to the newest
  const list = grace.page.getByRole("list", { name: "Messages" });
  const scrollDown = () => list.evaluate((el) => (el.parentElement!.scrollTop = el.parentElement!.scrollHeight));
  await expect.poll(async () => (await scrollDown(), message(grace.page, "filler number 300").count()), { timeout: 15_000 }).toBe(1);
  await grace.page.getByText("You are viewing older messages").waitFor({ state: "hidden" });
  expect(grace.errors).toEqual([]);
  await grace.context.close();
});
