// Files in Chromium: an image attached through the modal in a channel shows live at the other person's side and
// opens full size; a PDF in a direct message is a card with its name that downloads; a server made with an
// uploaded image shows it in the rail (also for someone in no server yet), and its settings remove it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import type { Conversation, ServerView } from "../../contract";
import { MAX_UPLOAD_BYTES } from "../../contract/limits";
import { impostors, pdf, png } from "../../worker/files/samples";
import { call, createServer, general, join, memberOf } from "../helpers";
import { launch, screenshot, signedIn, unlabelled } from "./browser";
import { channelUrl, live, messages } from "./chat";

let browser: Browser;
let ana: Awaited<ReturnType<typeof signedIn>>;
let ben: Awaited<ReturnType<typeof signedIn>>;
let view: ServerView;

const rail = (page: Page) => page.getByRole("navigation", { name: "Servers" });
const loaded = (img: Locator) => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth);
const file = (name: string, mimeType: string, bytes: Uint8Array) => ({ name, mimeType, buffer: Buffer.from(bytes) });

beforeAll(async () => {
  browser = await launch();
  [ana, ben] = await Promise.all([signedIn(browser, "Ana"), signedIn(browser, "Ben")]);
  view = await join(ben.person, await createServer(ana.person, "Darkroom"));
});
afterAll(async () => browser?.close());

describe("files in the browser", () => {
  it("attaches an image through the modal, and the other person sees it live and opens it full size", async () => {
    await Promise.all([ana.page.goto(channelUrl(view)), ben.page.goto(channelUrl(view))]);
    await Promise.all([live(ana.page), live(ben.page)]);

    await ana.page.getByRole("textbox", { name: "Message #general" }).fill("look at this");
    await ana.page.getByRole("button", { name: "Attach a file" }).click();
    const dialog = ana.page.getByRole("dialog", { name: "Add an attachment" });
    const input = dialog.locator('input[type="file"]');
    // refused in the client: another type, too large
    await input.setInputFiles(file("notes.txt", "text/plain", impostors.text));
    await dialog.getByText("Only PNG, JPEG, GIF and WebP images and PDF documents can be sent").waitFor();
    await input.setInputFiles(file("huge.png", "image/png", png(MAX_UPLOAD_BYTES + 1)));
    await dialog.getByText("files can be at most 4 MiB").waitFor();
    // refused by the worker, which looks at the bytes: its own words are shown
    await input.setInputFiles(file("page.png", "image/png", impostors.html));
    await dialog.getByRole("button", { name: "Send" }).click();
    await dialog.getByText("Only PNG, JPEG, GIF and WebP images and PDF documents may be uploaded").waitFor();

    await input.setInputFiles(file("dot.png", "image/png", png()));
    const preview = dialog.getByRole("img", { name: "Preview of dot.png" });
    await expect.poll(() => loaded(preview)).toBe(1);
    expect(await dialog.getByLabel("Message (optional)").inputValue()).toBe("look at this"); // what was typed goes along
    await screenshot(ana.page, "attachment-modal");
    expect(await unlabelled(ana.page)).toEqual([]);
    await dialog.getByRole("button", { name: "Send" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await ana.page.getByRole("textbox", { name: "Message #general" }).inputValue()).toBe("");

    // at Ben's side, without a reload
    const image = messages(ben.page).getByRole("img", { name: "Attached image" });
    await image.waitFor();
    await expect.poll(() => loaded(image)).toBe(1);
    await messages(ben.page).getByText("look at this").waitFor();
    await image.click();
    const full = ben.page.getByRole("dialog", { name: "Image" }).getByRole("img", { name: "Attached image, full size" });
    await expect.poll(() => loaded(full)).toBe(1);
    await screenshot(ben.page, "image-full-size");
    await ben.page.keyboard.press("Escape");
    await full.waitFor({ state: "detached" });

    const stored = await call(`/api/messages?channelId=${general(view).id}`, { token: ben.person.token });
    expect(stored.body.items[0]).toMatchObject({ content: "look at this", fileUrl: expect.stringMatching(/^\/api\/files\/[^/]+\.png$/) });
    expect(await image.getAttribute("src")).toBe(stored.body.items[0].fileUrl);
    expect(ana.errors).toEqual([]);
    expect(ben.errors).toEqual([]);
  });

  it("sends a PDF in a direct message: a card with its name that downloads", async () => {
    const opened = await call<Conversation>("/api/conversations", { method: "POST", token: ana.person.token, body: { serverId: view.id, memberId: memberOf(view, ben.person).id } });
    expect(opened.status).toBeLessThan(300);
    await Promise.all([
      ana.page.goto(`/servers/${view.id}/conversations/${memberOf(view, ben.person).id}`),
      ben.page.goto(`/servers/${view.id}/conversations/${memberOf(view, ana.person).id}`),
    ]);
    await Promise.all([live(ana.page), live(ben.page)]);

    await ana.page.getByRole("button", { name: "Attach a file" }).click();
    const dialog = ana.page.getByRole("dialog", { name: "Add an attachment" });
    await dialog.locator('input[type="file"]').setInputFiles(file("Quarterly report.pdf", "application/pdf", pdf()));
    await dialog.getByText("Quarterly report.pdf").waitFor();
    await dialog.getByText(/PDF document • \d+ B/).waitFor();
    await dialog.getByRole("button", { name: "Send" }).click();
    await dialog.waitFor({ state: "detached" });

    const card = messages(ben.page).getByTestId("file-card");
    await card.getByText("Quarterly report.pdf").waitFor();
    const link = card.getByRole("link", { name: "Download Quarterly report.pdf" });
    expect(await link.getAttribute("download")).toBe("Quarterly report.pdf");
    expect(await link.getAttribute("href")).toMatch(/^\/api\/files\/[^/]+\.pdf$/);
    const [download] = await Promise.all([ben.page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe("Quarterly report.pdf");

    // the sender adds text to the file afterwards; the file stays, and the other side sees the edit live
    const row = messages(ana.page).getByRole("listitem").filter({ has: ana.page.getByTestId("file-card") });
    await row.hover();
    await row.getByRole("button", { name: "Edit message" }).click();
    const field = row.getByRole("textbox", { name: "Edit message" });
    expect(await field.inputValue()).toBe("");
    await field.fill("the Q3 numbers");
    await field.press("Enter");
    const benRow = messages(ben.page).getByRole("listitem").filter({ hasText: "the Q3 numbers(edited)" });
    await benRow.getByTestId("file-card").getByText("Quarterly report.pdf").waitFor();
    const dms = await call(`/api/direct-messages?conversationId=${opened.body.id}`, { token: ben.person.token });
    expect(dms.body.items[0]).toMatchObject({ content: "the Q3 numbers", fileUrl: await link.getAttribute("href") });
    await screenshot(ben.page, "pdf-card");
    expect(await unlabelled(ben.page)).toEqual([]);
    expect(ana.errors).toEqual([]);
    expect(ben.errors).toEqual([]);
  });

  it("creates a server with an uploaded image, shown in the rail, and removes it in the settings", async () => {
    const { page } = ana;
    await page.goto(channelUrl(view));
    await rail(page).getByRole("button", { name: "Add a server" }).click();
    const dialog = page.getByRole("dialog", { name: "Customize your server" });
    const input = dialog.locator('input[type="file"]');
    await input.setInputFiles(file("report.pdf", "application/pdf", pdf()));
    await dialog.getByText("Only PNG, JPEG, GIF and WebP images can be used").waitFor();
    await input.setInputFiles(file("logo.png", "image/png", png()));
    await expect.poll(() => loaded(dialog.getByRole("img", { name: "Server image" }))).toBe(1);
    await dialog.getByLabel("Server name").fill("Pictures");
    await screenshot(page, "create-server-image");
    await dialog.getByRole("button", { name: "Create" }).click();
    await dialog.waitFor({ state: "detached" });
    const icon = rail(page).getByRole("link", { name: "Pictures" }).locator("img");
    await expect.poll(() => loaded(icon)).toBe(1);
    const made = (await call<ServerView[]>("/api/servers", { token: ana.person.token })).body.find((s) => s.name === "Pictures")!;
    expect(made.imageUrl).toMatch(/^\/api\/files\/[^/]+\.png$/);
    expect(await icon.getAttribute("src")).toBe(made.imageUrl);
    await page.getByRole("heading", { name: "general", level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(`/servers/${made.id}/channels/`);

    await page.getByRole("button", { name: "Pictures" }).click();
    await page.getByRole("menuitem", { name: "Server Settings" }).click();
    const settings = page.getByRole("dialog", { name: "Server settings" });
    await settings.getByRole("button", { name: "Remove the image" }).click();
    await settings.getByRole("button", { name: "Upload a server image" }).waitFor();
    await settings.getByRole("button", { name: "Save" }).click();
    await settings.waitFor({ state: "detached" });
    await expect.poll(() => icon.count()).toBe(0);
    expect((await call<ServerView>(`/api/servers/${made.id}`, { token: ana.person.token })).body.imageUrl).toBeNull();
    expect(ana.errors).toEqual([]);
  });

  it("someone in no server yet creates their first one with an image", async () => {
    const newcomer = await signedIn(browser, "Nia");
    const { page } = newcomer;
    await page.goto("/");
    await page.getByRole("button", { name: "Create a server" }).click();
    const dialog = page.getByRole("dialog", { name: "Customize your server" });
    // anyone signed in may upload: the picture goes up when picked, before the server exists
    await dialog.locator('input[type="file"]').setInputFiles(file("me.png", "image/png", png()));
    await dialog.getByRole("button", { name: "Change the server image" }).waitFor();
    await expect.poll(() => dialog.getByRole("button", { name: "Create" }).isEnabled()).toBe(true); // the upload is done
    await dialog.getByLabel("Server name").fill("First Light");
    await dialog.getByRole("button", { name: "Create" }).click();
    await dialog.waitFor({ state: "detached" });
    const icon = rail(page).getByRole("link", { name: "First Light" }).locator("img");
    await expect.poll(() => loaded(icon)).toBe(1);
    const servers = await call<ServerView[]>("/api/servers", { token: newcomer.person.token });
    expect(servers.body.map((s) => s.imageUrl)).toEqual([expect.stringMatching(/^\/api\/files\/[^/]+\.png$/)]);
    expect(newcomer.errors).toEqual([]);
    await newcomer.context.close();
  });
});
