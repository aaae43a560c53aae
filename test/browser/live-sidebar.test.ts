// The sidebar follows the server live: a channel made, a member joining and a promotion show up at another
// member's side without a reload, through the server room's `chat:<serverId>:server` event alone: the page may not
// ask for the server again.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { ServerView } from "../../contract";
import { call, createServer, join, memberOf, signUp } from "../helpers";
import { launch, signedIn } from "./browser";
import { channelUrl, roomOpen, watchSockets } from "./chat";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

it("shows new channels, members and roles without a reload", async () => {
  const owner = await signUp("Olga");
  const server = await createServer(owner, "Live sidebar");
  const guest = await signedIn(browser, "Gus");
  await join(guest.person, server);
  // the page's first GET of the server draws the sidebar; every later one (the refetch when the room opens, or now
  // and then) is refused, so what follows can reach the sidebar only through the room
  let loads = 0;
  await guest.page.route(`**/api/servers/${server.id}`, (route) => (route.request().method() !== "GET" || loads++ === 0 ? route.continue() : route.abort("connectionfailed")));
  await watchSockets(guest.page);
  await guest.page.goto(channelUrl(server));
  const sidebar = guest.page.getByRole("complementary", { name: "Live sidebar channels and members" });
  await sidebar.waitFor();
  // wait until the page holds the server room's ticket, and until its socket is open
  const serverId = server.id;
  await expect.poll(() => guest.page.evaluate((id) => performance.getEntriesByType("resource").some((e) => e.name.includes(`/api/realtime/ticket?room=${id}`)), serverId)).toBe(true);
  await roomOpen(guest.page, server.id);

  await call(`/api/channels?serverId=${server.id}`, { method: "POST", token: owner.token, body: { name: "announcements", type: "TEXT" } });
  await sidebar.getByRole("link", { name: /announcements/ }).waitFor();

  const newcomer = await signUp("Nina");
  const view: ServerView = await join(newcomer, server);
  await sidebar.getByRole("navigation", { name: "Members" }).getByText("Nina").waitFor();

  await call(`/api/members/${memberOf(view, newcomer).id}?serverId=${server.id}`, { method: "PATCH", token: owner.token, body: { role: "MODERATOR" } });
  await sidebar.getByRole("link", { name: "Message Nina" }).getByRole("img", { name: "Moderator" }).waitFor();
  await expect.poll(() => guest.page.evaluate(() => performance.getEntriesByType("navigation").length)).toBe(1);
  expect(guest.errors).toEqual([]);
  await guest.context.close();
});
