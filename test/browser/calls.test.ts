// Calls in Chromium: a voice channel joins LiveKit with a token for that channel (and says so when the browser
// refuses the microphone, or when the LiveKit server cannot be reached), a direct message's video call is
// ?video=true with the conversation as its room, and the sidebar shows who is in a voice channel, live.
//
// No LiveKit server can be installed on this machine. So a stand-in listens at the LIVEKIT_URL the worker hands
// out, and it stands in for the server there only: it records the signalling request livekit-client opens
// (`<url>/rtc…?access_token=…`) and refuses it, as a server that cannot be reached would. Everything else is the
// real thing: the worker minting the token, the rooms, the signed webhook, the client and Chromium.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { TokenVerifier } from "livekit-server-sdk";
import { addChannel, call, createServer, join, LIVEKIT_KEY, LIVEKIT_SECRET, memberOf, sendWebhook, webhookEvent } from "../helpers";
import { CHROMIUM_ARGS, screenshot, signedIn, unlabelled } from "./browser";
import { channelUrl, roomOpen, watchSockets } from "./chat";

const livekitUrl = inject("livekitUrl");
const verifier = new TokenVerifier(LIVEKIT_KEY, LIVEKIT_SECRET);

/** The stand-in: every signalling request it was sent, then the connection refused. */
const signalling: URL[] = [];
let standIn: http.Server;
let browser: Browser;

beforeAll(async () => {
  standIn = http.createServer((req) => req.socket.destroy());
  standIn.on("upgrade", (req, socket) => {
    signalling.push(new URL(req.url ?? "/", livekitUrl.replace(/^ws/, "http")));
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    standIn.once("error", reject);
    standIn.listen(Number(new URL(livekitUrl).port), "127.0.0.1", resolve);
  });
  expect((standIn.address() as AddressInfo).port).toBe(Number(new URL(livekitUrl).port));
  // fake devices: Chromium has no microphone or camera here; whether a page may use them is up to each test
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [...CHROMIUM_ARGS, "--use-fake-device-for-media-stream"],
    headless: true,
  });
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => standIn?.close(resolve));
});

/** The claims of the token of the latest signalling request for `room`, checked with the server's key and secret. */
async function signalledFor(room: string) {
  let claims: Awaited<ReturnType<TokenVerifier["verify"]>> | undefined;
  await expect
    .poll(async () => {
      for (const url of signalling.toReversed()) {
        const token = url.searchParams.get("access_token");
        const c = token ? await verifier.verify(token).catch(() => undefined) : undefined;
        if (c?.video?.room === room) {
          expect(url.pathname).toMatch(/^\/rtc(\/v1)?$/);
          claims = c;
          return true;
        }
      }
      return false;
    }, { timeout: 15_000 })
    .toBe(true);
  return claims!;
}

/** Scripts the page has loaded so far, by their text. */
function scriptsOf(page: Page) {
  const loaded: Promise<string>[] = [];
  page.on("response", (res) => {
    if (res.request().resourceType() === "script") loaded.push(res.text().catch(() => ""));
  });
  return { count: () => loaded.length, texts: (from = 0) => Promise.all(loaded.slice(from)) };
}
// a log line of livekit-client's signalling, to tell its code apart from ours
const LIVEKIT_CLIENT = "signal connecting to";

/** LiveKit's signed webhook: `identity` joined or left `room`. */
const webhook = (event: string, room: string, identity: string) => sendWebhook(webhookEvent(event, room, { identity }));

describe("calls in the browser", () => {
  it("joins a voice channel with a token for it, loading livekit-client only then, and says when LiveKit cannot be reached", async () => {
    const alice = await signedIn(browser, "Alice");
    await alice.context.grantPermissions(["microphone", "camera"]);
    const view = await createServer(alice.person, "Voice club");
    const lounge = await addChannel(alice.person, view.id, "lounge", "AUDIO");
    const { page } = alice;
    const scripts = scriptsOf(page);

    await page.goto(channelUrl(view));
    await page.getByRole("textbox", { name: "Message #general" }).waitFor();
    const before = scripts.count();
    expect((await scripts.texts()).some((t) => t.includes(LIVEKIT_CLIENT))).toBe(false);

    const token = page.waitForResponse((r) => r.url().includes(`/api/livekit?`) && new URL(r.url()).searchParams.get("room") === lounge.id);
    await page.getByRole("link", { name: "lounge (audio channel)" }).click();
    expect((await token).status()).toBe(200);
    const claims = await signalledFor(lounge.id);
    expect(claims.sub).toBe(alice.person.profile.id);
    expect(claims.name).toBe("Alice");
    expect(claims.video).toMatchObject({ room: lounge.id, roomJoin: true, canPublish: true, canSubscribe: true });
    expect((await scripts.texts(before)).some((t) => t.includes(LIVEKIT_CLIENT))).toBe(true);

    // the stand-in refused: the page says the server cannot be reached, and how to run one
    const problem = page.getByRole("alert").filter({ hasText: "Cannot reach the LiveKit server" });
    await problem.waitFor({ timeout: 20_000 });
    expect(await problem.textContent()).toContain(livekitUrl);
    expect(await problem.locator("code").first().textContent()).toBe("livekit-server --dev");
    // the microphone was allowed: nothing is said about it
    expect(await page.getByRole("alert").filter({ hasText: "microphone" }).count()).toBe(0);
    await screenshot(page, "call-unreachable");
    expect(await unlabelled(page)).toEqual([]);

    // and again on request
    const again = signalling.length;
    await problem.getByRole("button", { name: "Try again" }).click();
    await expect.poll(() => signalling.length, { timeout: 15_000 }).toBeGreaterThan(again);
    await problem.waitFor({ timeout: 20_000 });
    expect(alice.errors).toEqual([]);
  });

  it("says so when the browser refuses the microphone and the camera", async () => {
    const bob = await signedIn(browser, "Bob");
    const view = await createServer(bob.person, "Film club");
    const stage = await addChannel(bob.person, view.id, "stage", "VIDEO");
    await bob.page.goto(`/servers/${view.id}/channels/${stage.id}`);
    const refused = bob.page.getByRole("alert").filter({ hasText: "The browser did not allow your microphone and camera" });
    await refused.waitFor({ timeout: 15_000 });
    await signalledFor(stage.id);
    await screenshot(bob.page, "call-media-refused");
    await refused.getByRole("button", { name: "Dismiss" }).click();
    expect(await refused.count()).toBe(0);
    expect(bob.errors).toEqual([]);
  });

  it("starts and ends a direct message's video call with ?video=true, in the conversation's room", async () => {
    const carol = await signedIn(browser, "Carol");
    const dave = await signedIn(browser, "Dave");
    await carol.context.grantPermissions(["microphone", "camera"]);
    const view = await createServer(carol.person, "Pairs");
    const joined = await join(dave.person, view);
    const res = await call("/api/conversations", { method: "POST", token: carol.person.token, body: { serverId: view.id, memberId: memberOf(joined, dave.person).id } });
    const conversationId: string = res.body.id;
    const dm = `/servers/${view.id}/conversations/${memberOf(joined, dave.person).id}`;

    const { page } = carol;
    await page.goto(dm);
    await page.getByRole("textbox", { name: "Message Dave" }).waitFor();
    const token = page.waitForResponse((r) => r.url().includes(`/api/livekit?`) && new URL(r.url()).searchParams.get("room") === conversationId);
    await page.getByRole("button", { name: "Start video call" }).click();
    await page.waitForURL((url) => url.pathname === dm && url.searchParams.get("video") === "true");
    expect((await token).status()).toBe(200);
    expect((await signalledFor(conversationId)).sub).toBe(carol.person.profile.id);
    await page.getByRole("main", { name: "Call in Dave" }).waitFor();
    expect(await page.getByRole("textbox", { name: "Message Dave" }).count()).toBe(0);
    await screenshot(page, "dm-call");
    expect(await unlabelled(page)).toEqual([]);

    await page.getByRole("button", { name: "End video call" }).click();
    await page.waitForURL((url) => url.pathname === dm && !url.searchParams.has("video"));
    await page.getByRole("textbox", { name: "Message Dave" }).waitFor();
    expect(await page.getByRole("main", { name: "Call in Dave" }).count()).toBe(0);

    // the link works as it is: a reload with ?video=true is in the call again
    await page.goto(`${dm}?video=true`);
    await page.getByRole("main", { name: "Call in Dave" }).waitFor();
    await page.getByRole("button", { name: "End video call" }).waitFor();
    expect(carol.errors).toEqual([]);
  });

  it("shows who is in a voice channel in the sidebar, live, after LiveKit's webhook", async () => {
    const erin = await signedIn(browser, "Erin");
    const finn = await signedIn(browser, "Finn");
    const view = await createServer(erin.person, "Hangout");
    const lounge = await addChannel(erin.person, view.id, "lounge", "AUDIO");
    const stage = await addChannel(erin.person, view.id, "stage", "VIDEO");
    await join(finn.person, view);

    const { page } = finn;
    let asked = 0;
    page.on("request", (r) => r.url().includes(`/api/livekit/participants?serverId=${view.id}`) && asked++);
    let serverRoom = false;
    page.on("websocket", (ws) => ws.url().includes(`/parties/main/${view.id}`) && (serverRoom = true));
    await watchSockets(page);
    await page.goto(channelUrl(view));
    await page.getByRole("textbox", { name: "Message #general" }).waitFor();
    const inLounge = page.getByRole("list", { name: "In lounge" });
    expect(await inLounge.count()).toBe(0);
    // asked on load, and again when the server's room opens (unless that falls within the first request): from
    // then on the room is heard, and what follows arrives with no further request
    await expect.poll(() => serverRoom).toBe(true);
    await roomOpen(page, view.id);
    const askedBefore = asked;
    expect(askedBefore).toBeGreaterThanOrEqual(1);

    await webhook("participant_joined", lounge.id, erin.person.profile.id);
    await inLounge.getByText("Erin").waitFor({ timeout: 10_000 });
    await webhook("participant_joined", stage.id, finn.person.profile.id);
    await page.getByRole("list", { name: "In stage" }).getByText("Finn").waitFor({ timeout: 10_000 });
    expect(asked).toBe(askedBefore);
    await screenshot(page, "voice-sidebar");

    // a fresh page learns it from GET /api/livekit/participants
    await page.reload();
    await inLounge.getByText("Erin").waitFor();
    await page.getByRole("list", { name: "In stage" }).getByText("Finn").waitFor();

    await webhook("participant_left", lounge.id, erin.person.profile.id);
    await expect.poll(() => inLounge.count(), { timeout: 10_000 }).toBe(0);
    await page.getByRole("list", { name: "In stage" }).getByText("Finn").waitFor();
    expect(finn.errors).toEqual([]);
  });
});
