// The hourly clean-up (a Cron Trigger), run the way both local runtimes offer: /cdn-cgi/local/scheduled (wrangler
// dev with --test-scheduled, Miniflare with trigger handlers). Uploads nothing uses go a day after they were made, with
// their bytes; used ones stay, however old; expired sessions go.
import { expect, it, vi } from "vitest";
import type { Message, ServerView } from "../contract";
import { call, createServer, signUp, sql, upload, workerUrl } from "./helpers";

/** Both local runtimes (wrangler dev --test-scheduled, and Miniflare with trigger handlers) answer this path. */
async function runScheduled() {
  const res = await fetch(`${workerUrl}/cdn-cgi/local/scheduled?cron=17+*+*+*+*`);
  expect(res.status).toBe(200);
  expect(await res.text()).toBe("ok");
}

const keyOf = (url: string) => url.slice("/api/files/".length);
const uploadRow = async (url: string) => (await sql.execute({ sql: "SELECT key FROM uploads WHERE key = ?", args: [keyOf(url)] })).rows.length;

it("removes unused uploads older than a day and expired sessions, and keeps what is used or recent", async () => {
  const ann = await signUp("Tidy");
  const server = await createServer(ann, "Tidy");
  const [inMessage, asImage, unused, recent] = [await upload(ann), await upload(ann), await upload(ann), await upload(ann)];
  const sent = await call<Message>(`/api/socket/messages?serverId=${server.id}&channelId=${server.channels[0].id}`, { method: "POST", token: ann.token, body: { content: "", fileUrl: inMessage } });
  expect(sent.status).toBe(201);
  expect((await call<ServerView>(`/api/servers/${server.id}`, { method: "PATCH", token: ann.token, body: { imageUrl: asImage } })).status).toBe(200);
  // two days pass for three of them
  const old = new Date(Date.now() - 48 * 3600_000).toISOString();
  await sql.execute({ sql: `UPDATE uploads SET created_at = ? WHERE key IN (?, ?, ?)`, args: [old, keyOf(inMessage), keyOf(asImage), keyOf(unused)] });
  const stale = await signUp("Stale");
  await sql.execute({ sql: "UPDATE sessions SET expires_at = ? WHERE profile_id = ?", args: [old, stale.profile.id] });

  await runScheduled();
  await vi.waitFor(async () => expect(await uploadRow(unused)).toBe(0), { timeout: 10_000, interval: 100 });
  expect((await fetch(`${workerUrl}${unused}`, { headers: { authorization: `Bearer ${ann.token}` } })).status).toBe(404);
  for (const kept of [inMessage, asImage, recent]) {
    expect(await uploadRow(kept)).toBe(1);
    expect((await fetch(`${workerUrl}${kept}`, { headers: { authorization: `Bearer ${ann.token}` } })).status).toBe(200);
  }
  await vi.waitFor(async () => expect((await sql.execute({ sql: "SELECT id FROM sessions WHERE profile_id = ?", args: [stale.profile.id] })).rows).toEqual([]));
  expect((await call("/api/profile", { token: ann.token })).status).toBe(200);
});
