// The chat as the browser tests see it: where a server's channel lives, the message list and one message in it,
// the socket indicator, sending by the message box, and the moment a room's socket opens.
import { expect } from "vitest";
import type { Page } from "playwright-core";
import type { ServerView } from "../../contract";
import { general } from "../helpers";

export const LIVE = "Live: Real-time updates";

/** The page of the server's general channel. */
export const channelUrl = (view: ServerView) => `/servers/${view.id}/channels/${general(view).id}`;

export const messages = (page: Page) => page.getByRole("list", { name: "Messages" });
export const message = (page: Page, text: string) => messages(page).getByTestId("message-content").filter({ hasText: text });
export const indicator = (page: Page) => page.getByTestId("socket-indicator");

/** Waits until the chat's room socket is open, as the indicator says. */
export async function live(page: Page, timeout = 10_000) {
  await expect.poll(() => indicator(page).textContent(), { timeout }).toBe(LIVE);
}

/** Types a message in the chat's message box and sends it with Enter. */
export async function send(page: Page, text: string) {
  const input = page.getByRole("textbox", { name: /^Message / });
  await input.fill(text);
  await input.press("Enter");
}

/**
 * Notes in the page each WebSocket as it opens, for `roomOpen`; call it before the page loads. It only listens:
 * the sockets, and what the page does with them, are the page's own.
 */
export function watchSockets(page: Page) {
  return page.addInitScript(() => {
    const Native = window.WebSocket;
    const seen = window as unknown as { openedSockets: string[]; closedSockets: string[] };
    const opened: string[] = (seen.openedSockets = []);
    const closed: string[] = (seen.closedSockets = []);
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        // before the page's own listeners: once this is seen, what the page does on open has been started
        this.addEventListener("open", () => opened.push(this.url));
        this.addEventListener("close", () => closed.push(this.url));
      }
    };
  });
}

/** Waits until the page has opened a socket to a room (a server's, a channel's) `times` times; `watchSockets` first. */
export async function roomOpen(page: Page, room: string, times = 1) {
  const open = ([id, n]: [string, number]) =>
    (window as unknown as { openedSockets: string[] }).openedSockets.filter((u) => new URL(u).pathname.endsWith(`/${id}`)).length >= n;
  await page.waitForFunction(open, [room, times] as [string, number], { timeout: 15_000 });
}

/** Waits until a socket of the page's to a room has closed; `watchSockets` first. */
export async function roomClosed(page: Page, room: string) {
  const closed = (id: string) => (window as unknown as { closedSockets: string[] }).closedSockets.some((u) => new URL(u).pathname.endsWith(`/${id}`));
  await page.waitForFunction(closed, room, { timeout: 15_000 });
}
