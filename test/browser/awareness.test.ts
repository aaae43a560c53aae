// Live awareness in Chromium with two people: who is typing, who is online, which channel is unread and where the
// reader was mentioned, while they sit elsewhere; and a direct message's badge.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { Conversation, ServerView } from "../../contract";
import { addChannel, call, channelQuery, createServer, join, memberOf, seedMessage } from "../helpers";
import { launch, signedIn } from "./browser";
import { channelUrl, live, message, roomClosed, roomOpen, watchSockets } from "./chat";

/** what a person sees may take a moment on a busy machine: conditions are awaited up to this long */
const POLL = { timeout: 10_000 };

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const sidebarOf = (page: import("playwright-core").Page, view: ServerView) => page.getByRole("complementary", { name: `${view.name} channels and members` });

/** Grace, and Alan as a member of her new server `name` (the view as it is after he joined), each in a browser. */
async function graceAndAlan(name: string) {
  const grace = await signedIn(browser, "Grace");
  const alan = await signedIn(browser, "Alan");
  const view = await join(alan.person, await createServer(grace.person, name));
  return { grace, alan, view };
}

it("shows who is typing, and hides it when their message arrives", async () => {
  const { grace, alan, view } = await graceAndAlan("Typing");
  await Promise.all([grace.page.goto(channelUrl(view)), alan.page.goto(channelUrl(view))]);
  await Promise.all([live(grace.page), live(alan.page)]);

  const box = grace.page.getByRole("textbox", { name: /^Message / });
  await box.pressSequentially("hello the");
  const typing = alan.page.getByText("Grace is typing…");
  await typing.waitFor();
  // never to the one typing
  expect(await grace.page.getByText(/is typing…/).count()).toBe(0);
  await box.press("Enter");
  await message(alan.page, "hello the").waitFor();
  await typing.waitFor({ state: "hidden" });
  expect([...grace.errors, ...alan.errors]).toEqual([]);
  await Promise.all([grace.context.close(), alan.context.close()]);
});

it("greys a person's dot when their last tab closes", async () => {
  const { grace, alan, view } = await graceAndAlan("Presence");
  await watchSockets(grace.page);
  await grace.page.goto(channelUrl(view));
  await roomOpen(grace.page, view.id);
  const dot = sidebarOf(grace.page, view).getByRole("img", { name: /^Alan is (online|offline)$/ });
  await expect.poll(() => dot.getAttribute("aria-label"), POLL).toBe("Alan is offline");

  // two tabs of Alan: online once; closing one keeps him online, closing the last does not
  const second = await alan.context.newPage();
  await Promise.all([watchSockets(alan.page), watchSockets(second)]);
  await Promise.all([alan.page.goto(channelUrl(view)), second.goto(channelUrl(view))]);
  // both tabs in the server's room before one closes (else closing it could be his last socket going)
  await Promise.all([roomOpen(alan.page, view.id), roomOpen(second, view.id)]);
  await expect.poll(() => dot.getAttribute("aria-label"), POLL).toBe("Alan is online");
  await sidebarOf(grace.page, view).getByText("Online — 2").waitFor(); // Grace herself, and Alan
  await second.close();
  // the other tab's socket still stands: a moment later Alan is still online
  await alan.page.getByRole("heading", { name: "general", level: 1 }).waitFor();
  expect(await dot.getAttribute("aria-label")).toBe("Alan is online");
  await alan.context.close();
  await expect.poll(() => dot.getAttribute("aria-label"), { timeout: 15_000 }).toBe("Alan is offline");
  await sidebarOf(grace.page, view).getByText("Offline — 1").waitFor();
  expect(grace.errors).toEqual([]);
  await grace.context.close();
});

it("lists the one looking among the members, online and without a link to themself", async () => {
  const { grace, alan, view } = await graceAndAlan("Yourself");
  await grace.page.goto(channelUrl(view));
  await live(grace.page);
  const members = sidebarOf(grace.page, view).getByRole("navigation", { name: "Members" });
  const online = members.getByRole("list", { name: /^Online — / });
  const me = online.getByRole("listitem", { name: "Grace (you)" });
  await expect.poll(() => me.count(), POLL).toBe(1);
  expect(await online.getByRole("listitem").count()).toBe(1);
  expect(await me.getByRole("img", { name: "Grace is online" }).count()).toBe(1);
  expect(await me.getByRole("img", { name: "Admin" }).count()).toBe(1);
  expect(await members.getByRole("link", { name: "Message Grace" }).count()).toBe(0);
  // the others are listed as before, each a link to the conversation with them
  await members.getByRole("list", { name: "Offline — 1" }).getByRole("link", { name: "Message Alan" }).waitFor();
  expect(grace.errors).toEqual([]);
  await Promise.all([grace.context.close(), alan.context.close()]);
});

it("marks an unread channel and counts mentions live while the reader is elsewhere, and clears them when opened", async () => {
  const { grace, alan, view } = await graceAndAlan("Unread");
  const side = await addChannel(grace.person, view.id, "side");
  const alanMember = memberOf(view, alan.person).id;

  await watchSockets(alan.page);
  await alan.page.goto(`/servers/${view.id}/channels/${side.id}`);
  await roomOpen(alan.page, view.id);
  const sidebar = sidebarOf(alan.page, view);
  const generalLink = sidebar.getByRole("link", { name: "general (text channel)" });
  expect(await generalLink.getAttribute("data-unread")).toBeNull();

  await seedMessage(grace.person, channelQuery(view), "just chatting");
  await expect.poll(() => generalLink.getAttribute("data-unread"), POLL).toBe("true");
  expect(await generalLink.getByTestId("mention-badge").count()).toBe(0);

  await seedMessage(grace.person, channelQuery(view), `<@${alanMember}> look at this`);
  const badge = generalLink.getByTestId("mention-badge");
  await expect.poll(() => badge.textContent(), POLL).toBe("1");
  await seedMessage(grace.person, channelQuery(view), "@everyone and this");
  await expect.poll(() => badge.textContent(), POLL).toBe("2");
  // the rail and the tab title count them too
  await expect.poll(() => alan.page.getByRole("navigation", { name: "Servers" }).getByTestId("mention-badge").textContent(), POLL).toBe("2");
  await expect.poll(() => alan.page.title(), POLL).toMatch(/^\(2\) /);

  await generalLink.click();
  await message(alan.page, "and this").waitFor();
  // where Alan left off: the line sits before the first message he had not read, until Esc (or Mark as read)
  const line = alan.page.getByRole("separator", { name: "New messages" });
  await line.waitFor();
  const firstNew = alan.page.locator("[data-testid=new-messages] + li [data-testid=message-content]");
  expect(await firstNew.textContent()).toContain("just chatting");
  await alan.page.keyboard.press("Escape");
  await line.waitFor({ state: "hidden" });
  await expect.poll(() => generalLink.getAttribute("data-unread"), POLL).toBeNull();
  await expect.poll(() => badge.count(), POLL).toBe(0);
  await expect.poll(() => alan.page.title(), POLL).not.toMatch(/^\(/);
  // and it stays read after a reload: the server holds the mark
  await alan.page.reload();
  await message(alan.page, "and this").waitFor();
  await alan.page.getByRole("link", { name: "side (text channel)" }).click();
  await alan.page.getByRole("heading", { name: "side", level: 1 }).waitFor();
  expect(await sidebarOf(alan.page, view).getByRole("link", { name: "general (text channel)" }).getAttribute("data-unread")).toBeNull();
  expect([...grace.errors, ...alan.errors]).toEqual([]);
  await Promise.all([grace.context.close(), alan.context.close()]);
});

it("keeps a live mention count when an answer asked for before the message lands after it", async () => {
  const { grace, alan, view } = await graceAndAlan("Late answer");
  const side = await addChannel(grace.person, view.id, "side");
  await createServer(alan.person, "Elsewhere");
  const alanMember = memberOf(view, alan.person).id;

  // once `hold` is set, the next read-states request is answered by the server at once (before what follows is
  // written) but reaches the page only on `release`: a slow answer, overtaken by the room's frames
  let hold = false;
  let release = () => {};
  let answered = () => {};
  const heldAnswer = new Promise<void>((resolve) => (answered = resolve));
  await alan.page.route((url) => url.pathname === "/api/read-states", async (route) => {
    if (!hold || route.request().method() !== "GET") return route.continue();
    hold = false;
    const response = await route.fetch();
    answered();
    await new Promise<void>((resolve) => (release = resolve));
    await route.fulfill({ response }).catch(() => {}); // the page may have dropped the request meanwhile
  });

  await watchSockets(alan.page);
  await alan.page.goto(`/servers/${view.id}/channels/${side.id}`);
  await roomOpen(alan.page, view.id);
  // away to another server until this one's room closes; coming back opens it again, which asks for the read states
  const rail = alan.page.getByRole("navigation", { name: "Servers" });
  await rail.getByRole("link", { name: "Elsewhere" }).click();
  await alan.page.getByRole("complementary", { name: "Elsewhere channels and members" }).waitFor();
  await roomClosed(alan.page, view.id);
  hold = true;
  await rail.getByRole("link", { name: "Late answer" }).click();
  await sidebarOf(alan.page, view).getByRole("link", { name: "side (text channel)" }).click();
  await alan.page.getByRole("heading", { name: "side", level: 1 }).waitFor();
  await roomOpen(alan.page, view.id, 2);
  await heldAnswer;

  const badge = sidebarOf(alan.page, view).getByRole("link", { name: "general (text channel)" }).getByTestId("mention-badge");
  await seedMessage(grace.person, channelQuery(view), `<@${alanMember}> first`);
  await expect.poll(() => badge.textContent(), POLL).toBe("1");
  // the answer that knows nothing of the mention lands now; it must not undo the count
  release();
  await seedMessage(grace.person, channelQuery(view), `<@${alanMember}> second`);
  await expect.poll(() => badge.textContent(), POLL).toBe("2");
  expect([...grace.errors, ...alan.errors]).toEqual([]);
  await Promise.all([grace.context.close(), alan.context.close()]);
});

it("shows a badge on a direct conversation with unread messages", async () => {
  const { grace, alan, view } = await graceAndAlan("Direct");
  await watchSockets(alan.page);
  await alan.page.goto(channelUrl(view));
  await roomOpen(alan.page, alan.person.profile.id);

  const conversation = (await call<Conversation>("/api/conversations", { method: "POST", token: grace.person.token, body: { serverId: view.id, memberId: memberOf(view, alan.person).id } })).body;
  const dm = (text: string) => call(`/api/socket/direct-messages?conversationId=${conversation.id}`, { method: "POST", token: grace.person.token, body: { content: text } });
  await dm("psst");
  const entry = sidebarOf(alan.page, view).getByRole("link", { name: "Message Grace" });
  await expect.poll(() => entry.getByTestId("mention-badge").textContent(), { timeout: 15_000 }).toBe("1");
  await dm("are you there?");
  await expect.poll(() => entry.getByTestId("mention-badge").textContent(), POLL).toBe("2");
  await entry.click();
  await message(alan.page, "are you there?").waitFor();
  await expect.poll(() => entry.getByTestId("mention-badge").count(), POLL).toBe(0);
  expect([...grace.errors, ...alan.errors]).toEqual([]);
  await Promise.all([grace.context.close(), alan.context.close()]);
});
