// Conversations as in Discord, with two people in two browsers: a reply (its bar, its quote, the jump to the
// original through older pages, a deleted original), a reaction toggled by both and seen live, a mention picked
// from the list by keyboard and highlighted for the one mentioned, markdown, and markup that must stay text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import type { ServerView } from "../../contract";
import { channelQuery, createServer, join, seedMessage, signUp } from "../helpers";
import { launch, screenshot, signedIn, type Visitor } from "./browser";
import { channelUrl, indicator, LIVE, live, message, messages, send } from "./chat";

type Person = Awaited<ReturnType<typeof signedIn>>;
/** what a person sees may take a moment on a busy machine: conditions are awaited up to this long */
const POLL = { timeout: 10_000 };

let browser: Browser;
let alice: Person;
let bob: Person;
let server: ServerView;

const box = (page: Page) => page.getByRole("textbox", { name: /^Message / });
/** The row (list item) of the message whose text contains `text`. */
const row = (page: Page, text: string) =>
  messages(page).locator("li[data-message-id]").filter({ has: page.getByTestId("message-content").filter({ hasText: text }) });
const chip = (scope: Locator, emoji: string) => scope.getByRole("button", { name: new RegExp(`^${emoji},`) });
const noErrors = (...visitors: Visitor[]) => visitors.forEach((v) => expect(v.errors).toEqual([]));

beforeAll(async () => {
  browser = await launch();
  alice = await signedIn(browser, "Alice");
  bob = await signedIn(browser, "Bob");
  server = await createServer(alice.person, "Talk Club");
  await join(bob.person, server);
  for (const { page } of [alice, bob]) {
    await page.goto(channelUrl(server));
    await indicator(page).filter({ hasText: LIVE }).waitFor(); // expect.poll works only inside a test
  }
});
afterAll(async () => browser?.close());

describe("replies", () => {
  it("answers a message from its hover action or R, with a bar that Esc and X cancel", async () => {
    await send(alice.page, "Who reviews the **release notes**?\nsecond line");
    const question = row(bob.page, "Who reviews the release notes?");
    await question.hover();
    await question.getByRole("button", { name: "Reply" }).click();
    const bar = bob.page.getByTestId("reply-bar");
    await expect.poll(() => bar.textContent(), POLL).toBe("Replying to Alice");
    // the field has the focus: Esc cancels
    await box(bob.page).press("Escape");
    await bar.waitFor({ state: "detached" });
    // R with the pointer over the message answers it too (once the field is left), and the X cancels
    await message(bob.page, "Who reviews the release notes?").click();
    await bob.page.keyboard.press("r");
    await bar.waitFor();
    await bar.getByRole("button", { name: "Cancel reply" }).click();
    await bar.waitFor({ state: "detached" });

    await message(bob.page, "Who reviews the release notes?").click();
    await bob.page.keyboard.press("r");
    await bar.waitFor();
    await screenshot(bob.page, "reply-bar");
    await send(bob.page, "Me, after lunch");
    await bar.waitFor({ state: "detached" });
    for (const { page } of [alice, bob]) {
      const quote = row(page, "Me, after lunch").getByTestId("reply-quote");
      // the quoted author and the first line of the original, styles and all
      await expect.poll(() => quote.textContent(), POLL).toContain("@AliceWho reviews the release notes?");
      expect(await quote.textContent()).not.toContain("second line");
      expect(await quote.locator("strong").textContent()).toBe("release notes");
    }
    noErrors(alice, bob);
  });

  it("goes to the original when the quote is clicked, loading older pages until it is there", async () => {
    // 35 messages from seven others (five each, within the rate limit) put the original beyond the first page
    const others = await Promise.all(Array.from({ length: 7 }, (_, i) => signUp(`Filler ${i}`)));
    await Promise.all(others.map((p) => join(p, server)));
    await Promise.all(others.map(async (p, i) => { for (let n = 0; n < 5; n++) await seedMessage(p, channelQuery(server), `filler ${i}-${n}`); }));
    await message(bob.page, "filler 6-4").waitFor();
    await message(bob.page, "Who reviews the release notes?").click();
    await bob.page.keyboard.press("r");
    await bob.page.getByTestId("reply-bar").waitFor();
    await send(bob.page, "Still on it");

    const { page } = alice;
    await page.reload();
    await live(page);
    await message(page, "Still on it").waitFor();
    expect(await message(page, "Who reviews the release notes?").count()).toBe(0);
    await row(page, "Still on it").getByTestId("reply-quote").click();
    const target = row(page, "Who reviews the release notes?");
    await target.waitFor();
    // in view, within the message list
    await page.waitForFunction((el) => {
      const list = el!.closest("[role=log]")!.getBoundingClientRect();
      const r = el!.getBoundingClientRect();
      return r.top >= list.top && r.bottom <= list.bottom;
    }, await target.elementHandle());
    await screenshot(page, "reply-jump");
    noErrors(alice);
  });

  it("says so in the quote when the original is deleted, live", async () => {
    const original = row(alice.page, "Who reviews the release notes?");
    await original.hover();
    await original.getByRole("button", { name: "Delete message" }).click();
    await alice.page.getByRole("dialog", { name: "Delete message" }).getByRole("button", { name: "Delete" }).click();
    const quote = row(bob.page, "Still on it").getByTestId("reply-quote");
    await expect.poll(() => quote.textContent(), POLL).toBe("Original message was deleted");
    await expect.poll(() => row(bob.page, "Me, after lunch").getByTestId("reply-quote").textContent(), POLL).toBe("Original message was deleted");
  });
});

describe("reactions", () => {
  it("toggles a reaction from the picker and the chip, live for the other person, without flicker", async () => {
    await send(bob.page, "Lunch at noon?");
    const mine = row(alice.page, "Lunch at noon?");
    await mine.hover();
    await mine.getByRole("button", { name: "Add reaction" }).click();
    const picker = alice.page.getByRole("dialog", { name: "Emoji picker" });
    await picker.getByRole("combobox", { name: "Search" }).fill("thumbs up");
    await picker.getByRole("option", { name: /thumbs up/i }).first().click();
    await picker.waitFor({ state: "detached" });

    const atAlice = chip(mine, "👍");
    const theirs = row(bob.page, "Lunch at noon?");
    const atBob = chip(theirs, "👍");
    await expect.poll(() => atAlice.getAttribute("aria-pressed"), POLL).toBe("true");
    await expect.poll(() => atBob.textContent(), POLL).toBe("👍1");
    expect(await atBob.getAttribute("aria-pressed")).toBe("false");

    // every state Bob's chip shows from his click on: it may only ever go forward
    await theirs.evaluate((li) => {
      const seen: string[] = ((window as unknown as { chipStates: string[] }).chipStates = []);
      const note = () => {
        const b = li.querySelector("[data-testid=reaction]");
        const state = b ? `${b.textContent}/${b.getAttribute("aria-pressed")}` : "none";
        if (seen[seen.length - 1] !== state) seen.push(state);
      };
      new MutationObserver(note).observe(li, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await atBob.click();
    await expect.poll(() => atAlice.textContent(), POLL).toBe("👍2");
    await expect.poll(() => atBob.getAttribute("aria-pressed"), POLL).toBe("true");
    expect(await atAlice.getAttribute("aria-pressed")).toBe("true");
    await screenshot(bob.page, "reactions");

    await atAlice.click();
    await expect.poll(() => atBob.textContent(), POLL).toBe("👍1");
    await expect.poll(() => atAlice.getAttribute("aria-pressed"), POLL).toBe("false");
    expect(await atBob.getAttribute("aria-pressed")).toBe("true");
    // Bob's own answer and the room's two frames all arrived: the chip went 1 → 2 (his) → 1 (Alice left), once each
    expect(await bob.page.evaluate(() => (window as unknown as { chipStates: string[] }).chipStates)).toEqual(["👍2/true", "👍1/true"]);
    noErrors(alice, bob);
  });
});

describe("mentions", () => {
  it("picks a member from the @ list by keyboard, sends <@id> and highlights it for that member", async () => {
    const field = box(bob.page);
    await field.pressSequentially("thanks @al");
    const list = bob.page.getByRole("listbox", { name: "Members to mention" });
    await list.getByRole("option", { name: "Alice" }).waitFor();
    // the list filters as one types; a GUEST's @everyone would not count, so it is not offered
    expect(await list.getByRole("option").count()).toBe(1);
    // Esc closes it for this @; a new @ opens it again, with everyone in the server
    await field.press("Escape");
    await list.waitFor({ state: "detached" });
    await field.pressSequentially("i");
    expect(await list.count()).toBe(0);
    for (let i = 0; i < 4; i++) await field.press("Backspace");
    await field.pressSequentially("@");
    await list.getByRole("option", { name: "Bob" }).waitFor();
    await screenshot(bob.page, "mention-list");
    const activeName = () => field.evaluate((el) => document.getElementById(el.getAttribute("aria-activedescendant") ?? "")?.textContent);
    await field.press("ArrowDown");
    await expect.poll(activeName, POLL).toContain("Bob");
    await field.press("ArrowUp");
    await expect.poll(activeName, POLL).toContain("Alice");
    await field.press("Enter");
    await list.waitFor({ state: "detached" });
    expect(await field.inputValue()).toBe("thanks @Alice ");
    await field.pressSequentially("see you");
    const sent = bob.page.waitForRequest((r) => r.method() === "POST" && r.url().includes("/api/socket/messages"));
    await field.press("Enter");
    const aliceId = server.members.find((m) => m.profileId === alice.person.profile.id)!.id;
    expect((await sent).postDataJSON().content).toBe(`thanks <@${aliceId}> see you`);

    const atAlice = row(alice.page, "thanks @Alice see you");
    await expect.poll(() => atAlice.getByTestId("mention").textContent(), POLL).toBe("@Alice");
    await expect.poll(() => atAlice.getAttribute("data-mentioned"), POLL).toBe("true");
    const background = (l: Locator) => l.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await background(atAlice)).not.toBe(await background(row(alice.page, "Lunch at noon?")));
    // not highlighted for the one who wrote it
    expect(await row(bob.page, "thanks @Alice see you").getAttribute("data-mentioned")).toBeNull();
    await screenshot(alice.page, "mention");
  });

  it("offers @everyone to an ADMIN, picked with Tab, and highlights it for everyone", async () => {
    const field = box(alice.page);
    await field.pressSequentially("@ev");
    const list = alice.page.getByRole("listbox", { name: "Members to mention" });
    await list.getByRole("option", { name: /@everyone/ }).waitFor();
    await field.press("Tab");
    await field.pressSequentially("standup now");
    expect(await field.inputValue()).toBe("@everyone standup now");
    await field.press("Enter");
    const atBob = row(bob.page, "standup now");
    await expect.poll(() => atBob.getAttribute("data-mentioned"), POLL).toBe("true");
    expect(await atBob.getByTestId("mention").textContent()).toBe("@everyone");
    noErrors(alice, bob);
  });
});

describe("markdown", () => {
  it("renders bold, code blocks, spoilers revealed by a click, and links", async () => {
    await send(alice.page, "**Plan** for `today`:\n```js\nconst ship = true;\n```\n> quoted\n- one\n- two\n||the ending|| and [the docs](https://example.com/docs)");
    const note = row(bob.page, "Plan for today");
    await note.waitFor();
    expect(await note.locator("strong").first().textContent()).toBe("Plan");
    expect(await note.locator("pre code").textContent()).toBe("const ship = true;");
    expect(await note.locator("blockquote").textContent()).toBe("quoted");
    expect(await note.getByRole("listitem").allTextContents()).toEqual(["one", "two"]);
    const link = note.getByRole("link", { name: "the docs" });
    expect(await link.getAttribute("href")).toBe("https://example.com/docs");
    const spoiler = note.getByRole("button", { name: "Spoiler, press to reveal" });
    const color = () => note.getByTestId("spoiler").evaluate((el) => getComputedStyle(el).color);
    expect(await color()).toBe("rgba(0, 0, 0, 0)");
    await screenshot(bob.page, "markdown");
    await spoiler.click();
    await spoiler.waitFor({ state: "detached" });
    expect(await color()).not.toBe("rgba(0, 0, 0, 0)");
    expect(await note.getByTestId("spoiler").textContent()).toBe("the ending");
  });

  it("shows markup, handlers, script links and entities as the text typed, and runs nothing", async () => {
    const dialogs: string[] = [];
    bob.page.on("dialog", (d) => (dialogs.push(d.message()), void d.dismiss()));
    // what is sent, and what must show: the same characters (only the ** of bold go)
    const attempts = [
      [`<img src=x onerror="window.pwned=1;alert(1)">`, `<img src=x onerror="window.pwned=1;alert(1)">`],
      [`<script>window.pwned=2</script> &lt;b&gt;not bold&lt;/b&gt; &amp; &#60;i&#62;`, `<script>window.pwned=2</script> &lt;b&gt;not bold&lt;/b&gt; &amp; &#60;i&#62;`],
      [`[click me](javascript:window.pwned=3) **<svg onload=window.pwned=4>** <a href="javascript:alert(5)">a</a>`, `[click me](javascript:window.pwned=3) <svg onload=window.pwned=4> <a href="javascript:alert(5)">a</a>`],
    ];
    for (const [sent] of attempts) await send(alice.page, sent);
    for (const [, shown] of attempts) await expect.poll(() => message(bob.page, shown).count(), POLL).toBe(1);
    const list = messages(bob.page);
    expect(await list.locator("img[src=x], script, svg[onload], a[href^='javascript' i]").count()).toBe(0);
    await message(bob.page, "[click me](javascript:window.pwned=3)").click();
    expect(await bob.page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await screenshot(bob.page, "xss-as-text");
    noErrors(alice, bob);
  });
});

describe("in a direct message", () => {
  it("offers the two members to mention, and shows a reaction live", async () => {
    await bob.page.getByRole("navigation", { name: "Members" }).getByRole("link", { name: "Message Alice" }).click();
    await bob.page.getByRole("heading", { name: "Alice", exact: true, level: 1 }).waitFor();
    await alice.page.getByRole("navigation", { name: "Members" }).getByRole("link", { name: "Message Bob" }).click();
    await alice.page.getByRole("heading", { name: "Bob", exact: true, level: 1 }).waitFor();
    await live(bob.page);
    await live(alice.page);

    const field = box(bob.page);
    await field.pressSequentially("@");
    const list = bob.page.getByRole("listbox", { name: "Members to mention" });
    await list.getByRole("option", { name: "Alice" }).waitFor();
    expect(await list.getByRole("option").count()).toBe(2);
    await field.press("Enter");
    await field.pressSequentially("just between us");
    await field.press("Enter");

    const atAlice = row(alice.page, "@Alice just between us");
    await expect.poll(() => atAlice.getAttribute("data-mentioned"), POLL).toBe("true");
    await atAlice.hover();
    await atAlice.getByRole("button", { name: "Add reaction" }).click();
    const picker = alice.page.getByRole("dialog", { name: "Emoji picker" });
    await picker.getByRole("combobox", { name: "Search" }).fill("party popper");
    await picker.getByRole("option", { name: /party popper/i }).first().click();
    await expect.poll(() => chip(row(bob.page, "@Alice just between us"), "🎉").textContent(), POLL).toBe("🎉1");
    noErrors(alice, bob);
  });
});
