// Issue 13's scenario: what replies and reactions cost a history page. Two channels of one stack hold the same number
// of messages by the same authors with the same text; in the rich one every message answers an earlier one (often
// one outside the page) and carries three emoji from several members. The newest page of 100 is read from both,
// interleaved, by a few clients at once.
import { status } from "./http.mjs";
import { insertMessages, insertReactions } from "./seed.mjs";
import { interleaved } from "./features-reads.mjs";

/** Each message's emoji and how many members reacted with each: 7 reactions, 3 emoji (one a ZWJ sequence). */
const REACTIONS = [["👍", 4], ["❤️", 2], ["🧑‍💻", 1]];

/** `opts` = { messages, page, requests, clients, warmup }; `target` is a started product target. */
export async function runHistoryFeature(target, opts) {
  const base = target.workerUrl();
  const people = target.people();
  const tag = Date.now().toString(36);
  const plain = await target.channel(`plain-${tag}`);
  const rich = await target.channel(`rich-${tag}`);
  const authors = rich.members.map((m) => m.id);
  if (authors.length < Math.max(...REACTIONS.map(([, n]) => n))) throw new Error(`history: ${authors.length} members are too few to react`);
  const id = (channel, i) => `h-${channel.id}-${String(i).padStart(7, "0")}`;
  const row = (channel, i) => ({ id: id(channel, i), content: `message ${i} of the history, with some words in it`, channelId: channel.id, memberId: authors[i % authors.length] });
  const at = Date.now();
  await insertMessages(target.databaseUrl(), opts.messages, (i) => row(plain.channel, i));
  // the rich channel: the answered message is 1 to 300 messages back, so most replies point outside the page
  await insertMessages(target.databaseUrl(), opts.messages, (i) => ({
    ...row(rich.channel, i),
    replyToId: i === 0 ? null : id(rich.channel, i - 1 - (Math.imul(i, 2654435761) >>> 0) % Math.min(i, 300)),
  }));
  const reactions = [];
  for (let i = 0; i < opts.messages; i++)
    for (const [emoji, n] of REACTIONS) for (let k = 0; k < n; k++) reactions.push([id(rich.channel, i), emoji, authors[(i + k) % authors.length]]);
  await insertReactions(target.databaseUrl(), reactions);
  const fillS = (Date.now() - at) / 1000;

  const url = (channel) => `${base}/api/messages?channelId=${channel.id}&limit=${opts.page}`;
  // what the two pages hold, read once through the API: the rich one must really carry its replies and reactions
  const sizes = {};
  for (const [name, ch] of [["plain", plain], ["rich", rich]]) {
    const res = await fetch(url(ch.channel), { headers: { authorization: `Bearer ${people[0].token}` } });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`history: GET ${name} page answered ${res.status}: ${text}`);
    const page = JSON.parse(text);
    const items = page.items;
    const replies = items.filter((m) => m.replyTo).length;
    const reacted = items.filter((m) => m.reactions.length === REACTIONS.length).length;
    if (items.length !== Math.min(opts.page, opts.messages)) throw new Error(`history: the ${name} page has ${items.length} messages`);
    if (name === "rich" && (replies < items.length - 1 || reacted !== items.length)) throw new Error(`history: the rich page has ${replies} replies and ${reacted} messages with reactions of ${items.length}`);
    sizes[name] = { bytes: Buffer.byteLength(text), messages: items.length, replies, reacted };
  }
  const get = (ch) => (i) => status(url(ch.channel), { token: people[Math.abs(i) % people.length].token });
  const r = await interleaved(target, { plain: get(plain), rich: get(rich) }, opts);
  return {
    messages: opts.messages, page: opts.page, reactionsPerMessage: reactions.length / opts.messages, fillS,
    plain: { ...r.plain, page: sizes.plain }, rich: { ...r.rich, page: sizes.rich },
  };
}

export const historyFeatureRows = [
  ["GET page p50 (ms)", (r) => r.latency.p50],
  ["GET page p95 (ms)", (r) => r.latency.p95],
  ["GET page p99 (ms)", (r) => r.latency.p99],
  ["GET page max (ms)", (r) => r.latency.max],
  ["requests/s", (r) => r.perSecond, 0],
  ["errors", (r) => r.errors, 0],
  ["page size (KiB)", (r) => r.page.bytes / 1024],
  ["messages on the page with a reply", (r) => r.page.replies, 0],
  ["messages on the page with 3 emoji", (r) => r.page.reacted, 0],
];

