// Batched frames (../shared/CONTRACT.md, Rooms): a text frame may carry several events as a JSON array, in order, and
// a server's activity events leave its room at most once a second, batched, none dropped. Against the real rooms.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChannelActivity, Message, ServerView } from "../contract";
import { activityKey, messagesKey } from "../contract";
import { addChannel, call, channelQuery, createServer, join as joinServer, postMessage, signUp } from "./helpers";
import type { Person } from "./helpers";
import { join } from "./rooms";
import type { RoomClient } from "./rooms";

const WAIT = 10_000;
let owner: Person;
let people: Person[];
let server: ServerView;
const open: RoomClient[] = [];

beforeAll(async () => {
  owner = await signUp("Batch owner");
  server = await createServer(owner, "Batching");
  people = await Promise.all(Array.from({ length: 4 }, (_, i) => signUp(`Batcher ${i}`)));
  for (const p of people) await joinServer(p, server);
});
afterAll(() => open.forEach((c) => c.close()));

const events = (text: string) => {
  const value = JSON.parse(text);
  return Array.isArray(value) ? value : [value];
};

describe("a server's activity events", () => {
  it("all arrive, the first at once and the rest batched in one frame, at most one frame a second", async () => {
    const channels: Awaited<ReturnType<typeof addChannel>>[] = [];
    for (let i = 0; i < 3; i++) channels.push(await addChannel(owner, server.id, `pace-${i}`));
    const watcher = await join(owner, server.id);
    open.push(watcher);
    // four people post at about the same time, one each, in three channels
    const posted = await Promise.all(people.map((p, i) => postMessage(p, channelQuery(server, channels[i % 3].id), `pace ${i}`)));
    expect(posted.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const ids = posted.map((r) => (r.body as Message).id);
    const activity = () => watcher.frames.filter((f) => f.key === activityKey(server.id)).map((f) => (f.data as unknown as ChannelActivity).messageId);
    await expect.poll(() => activity().sort(), { timeout: WAIT }).toEqual([...ids].sort());
    // each exactly once
    expect(new Set(activity()).size).toBe(4);
    const carrying = watcher.raw.filter((r) => events(r.text).some((e) => e.key === activityKey(server.id)));
    // fewer frames than events: the ones that came within the second after the first went out together, as an array
    expect(carrying.length).toBeLessThan(4);
    expect(carrying.some((r) => r.text.startsWith("["))).toBe(true);
    for (let i = 1; i < carrying.length; i++) expect(carrying[i].at - carrying[i - 1].at).toBeGreaterThanOrEqual(900);
  });

  it("a lone event is never wrapped", async () => {
    const channel = await addChannel(owner, server.id, "lone");
    const watcher = await join(owner, server.id);
    open.push(watcher);
    const res = await postMessage(people[0], channelQuery(server, channel.id), "alone");
    expect(res.status).toBe(201);
    await watcher.next((f) => f.key === activityKey(server.id) && (f.data as unknown as ChannelActivity).messageId === (res.body as Message).id, WAIT);
    const frame = watcher.raw.find((r) => r.text.includes((res.body as Message).id))!;
    expect(frame.text.startsWith("{")).toBe(true);
  });
});

describe("a channel's message events", () => {
  it("reach every socket once each, in commit order, whether they come alone or several to a frame", async () => {
    const channel = await addChannel(owner, server.id, "burst");
    const sockets = await Promise.all(Array.from({ length: 40 }, (_, i) => join([owner, ...people][i % 5], channel.id)));
    open.push(...sockets);
    // 20 posts at once: four from each of five people, within every limit
    const posts = await Promise.all(Array.from({ length: 20 }, (_, i) => postMessage([owner, ...people][i % 5], channelQuery(server, channel.id), `burst ${i}`)));
    expect(posts.every((r) => r.status === 201)).toBe(true);
    const byVersion = posts.map((r) => r.body as Message).sort((a, b) => a.version - b.version).map((m) => m.id);
    for (const s of sockets) {
      await expect.poll(() => s.frames.filter((f) => f.key === messagesKey(channel.id)).length, { timeout: WAIT }).toBe(20);
      expect(s.frames.filter((f) => f.key === messagesKey(channel.id)).map((f) => f.data.id)).toEqual(byVersion);
    }
  });
});

describe("the web client's reading of frames", () => {
  it("takes a lone event and an array alike", async () => {
    const { parseRoomFrames } = await import("../contract");
    const a = { key: "chat:r:messages", data: { id: "1" } };
    const b = { key: "chat:r:messages:update", data: { id: "1" } };
    expect(parseRoomFrames(JSON.stringify(a))).toEqual([a]);
    expect(parseRoomFrames(JSON.stringify([a, b]))).toEqual([a, b]);
    expect(parseRoomFrames("not json")).toEqual([]);
    expect(parseRoomFrames(JSON.stringify([a, 3, null, { key: 1 }]))).toEqual([a]);
  });
});
