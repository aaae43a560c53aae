// Issue 14's scenario: what the server room's activity events cost a channel's fan-out. Many people have the
// server's room open (the web app keeps one socket per open server), some of them also one channel's room, and that
// channel gets messages at a steady rate; for each, the worker tells the channel's room and then the server's room
// (`announce` in worker/routes/messages.ts). The same run on a checkout without that call is the baseline.
import { must } from "./http.mjs";
import { addCrowd } from "./seed.mjs";
import { runFanout } from "./fanout.mjs";
import { startCrowd } from "./features-crowd.mjs";
import { now } from "./clock.mjs";
import { summarize } from "./stats.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs `fn(i)` for i in 0..count-1, `width` at a time. */
async function inBatches(count, width, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < count) await fn(next++);
  }));
}

/** Waits until `count()` reaches `want`, or has not moved for `quietMs`. */
async function settle(count, want, quietMs) {
  let last = count();
  let moved = now();
  while (last < want && now() - moved < quietMs) {
    await sleep(50);
    const c = count();
    if (c !== last) [last, moved] = [c, now()];
  }
  return last;
}

/**
 * One side on one started product target. `opts` = { crowd (server-room sockets, one person each), subscribers (of
 * those people, the first ones also have the channel open), rate, senders, warmupS, durationS, drainS, announces
 * (whether this checkout tells the server room: the frames due) }.
 */
export async function runActivitySide(target, opts) {
  const base = target.workerUrl();
  const server = target.server();
  const tag = Date.now().toString(36);
  const { channel } = await target.channel(`activity-${tag}`);
  const crowd = await addCrowd(target.databaseUrl(), { serverId: server.id, count: opts.crowd, tag });
  await must(200, base, "/api/profile", { token: crowd[0].token });
  // every person asks for their own tickets, as the web app does when it opens the server and the channel
  const ticketUrl = (t) => `ws://${t.host}/parties/${t.party}/${t.room}?ticket=${encodeURIComponent(t.ticket)}`;
  const serverUrls = new Array(opts.crowd);
  const channelUrls = new Array(opts.subscribers);
  await inBatches(opts.crowd, 8, async (i) => {
    serverUrls[i] = ticketUrl(await must(200, base, `/api/realtime/ticket?room=${server.id}`, { token: crowd[i].token }));
    if (i < opts.subscribers) channelUrls[i] = ticketUrl(await must(200, base, `/api/realtime/ticket?room=${channel.id}`, { token: crowd[i].token }));
  });
  const activityKey = `chat:${server.id}:activity`;
  const room = startCrowd({ urls: serverUrls, roomId: server.id, activityKey });
  try {
    const connectStarted = now();
    await room.connect();
    // the presence snapshot and updates that the arrivals set off are set-up: wait until they have gone by
    await settle(room.received, Infinity, 1000);
    const crowdConnectMs = now() - connectStarted;
    const framesBefore = room.received();

    // every 201 remembers when its POST left, for the activity frames' latency
    const posted = new Map();
    const url = `${base}/api/socket/messages?serverId=${server.id}&channelId=${channel.id}`;
    const post = async (sender, body) => {
      const sent = now();
      const res = await fetch(url, {
        method: "POST",
        headers: { authorization: `Bearer ${crowd[sender % crowd.length].token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      if (res.status === 201) posted.set(JSON.parse(text).id, { sent, seq: Number(body.content.split(" ")[1]) });
      return res.status;
    };
    const channelRoom = { runTag: `activity-${tag}`, key: `chat:${channel.id}:messages`, spec: { kind: "ws", urls: channelUrls }, post };
    const fanout = await runFanout(target, channelRoom, { subscribers: opts.subscribers, rate: opts.rate, senders: opts.senders, warmupS: opts.warmupS, durationS: opts.durationS, drainS: opts.drainS, deflate: true });

    const due = opts.announces ? posted.size * opts.crowd : 0;
    await settle(room.activity, due, opts.drainS * 1000);
    const got = await room.collect();
    const warm = Math.round(opts.rate * opts.warmupS);
    const latencies = [];
    let received = 0;
    for (const [id, { sent, seq }] of posted) {
      const times = got.arrivals[id] ?? [];
      received += times.length;
      if (seq >= warm) for (const t of times) latencies.push(t - sent);
    }
    const stray = Object.values(got.arrivals).reduce((n, times) => n + times.length, 0) - received;
    return {
      ...fanout,
      activity: {
        sockets: opts.crowd, connectMs: crowdConnectMs, messages: posted.size, due, received, lost: due - received, duplicated: got.duplicates,
        // activity frames for messages this run did not post (none expected)
        stray, closedByServer: room.closedByServer(), delivery: summarize(latencies),
        framesDuringRun: room.received() - framesBefore, byKey: got.byKey,
      },
    };
  } finally {
    await room.close();
  }
}

const activity = (pick) => (r) => pick(r.activity);
export const activityFeatureRows = [
  ["server-room sockets", activity((a) => a.sockets), 0],
  // until the presence frames that the arrivals set off had gone by (set-up, not measured)
  ["server-room sockets open and settled in (s)", activity((a) => a.connectMs / 1000)],
  ["activity frames due", activity((a) => a.due), 0],
  ["activity frames received", activity((a) => a.received), 0],
  ["activity frames lost", activity((a) => a.lost), 0],
  ["activity frames duplicated", activity((a) => a.duplicated + a.stray), 0],
  ["activity delivery p50 (ms)", activity((a) => a.delivery.p50)],
  ["activity delivery p99 (ms)", activity((a) => a.delivery.p99)],
  ["server-room sockets closed by the server", activity((a) => a.closedByServer), 0],
];
