// Issue 17's scenario, in one stack: a server of many messages in several channels (varied text from a vocabulary,
// lib/features-text.mjs), two-word searches measured against history pages, interleaved; then what keeping the
// full-text index costs a post: posts at a steady rate in phases with the index's insert trigger (A) and without it
// (B), A/B/A/B, so both sides see the same database and the same moments of the machine.
import fs from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import { now } from "./clock.mjs";
import { status } from "./http.mjs";
import { insertMessages } from "./seed.mjs";
import { interleaved } from "./features-reads.mjs";
import { queries, vocabulary, writer } from "./features-text.mjs";
import { summarize } from "./stats.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * `opts` = { messages, channels, vocabulary, queries, requests, clients, warmup }. Answers the figures of both kinds
 * of read, and what the words and queries were like; `state` (for runIndexingFeature) the channels and the writer.
 */
export async function runSearchFeature(target, opts) {
  const base = target.workerUrl();
  const people = target.people();
  const server = target.server();
  const tag = Date.now().toString(36);
  const channels = [];
  for (let i = 0; i < opts.channels; i++) channels.push((await target.channel(`search-${i}-${tag}`)).channel);
  const authors = (await target.channel(`search-authors-${tag}`)).members.map((m) => m.id);
  const words = vocabulary(opts.vocabulary);
  const text = writer(words);
  const at = Date.now();
  await insertMessages(target.databaseUrl(), opts.messages, (i) => ({
    id: `s-${tag}-${i}`, content: text(), channelId: channels[i % channels.length].id, memberId: authors[i % authors.length], // (i * 7) % 7 was one author for every message
  }));
  const fillS = (Date.now() - at) / 1000;
  const qs = queries(words, opts.queries);
  const matches = await matchCounts(target.databaseUrl(), qs);
  if (matches.every((n) => n === 0)) throw new Error("search: no query matches a message; is the index filled?");
  // the route must answer, and find what the index holds
  const probe = qs[matches.indexOf(Math.max(...matches))];
  const res = await fetch(`${base}/api/search?serverId=${server.id}&q=${encodeURIComponent(probe)}&limit=25`, { headers: { authorization: `Bearer ${people[0].token}` } });
  const body = await res.text();
  if (res.status !== 200 || JSON.parse(body).items.length === 0) throw new Error(`search: GET /api/search?q=${probe} answered ${res.status}: ${body.slice(0, 300)}`);

  const token = (i) => people[Math.abs(i) % people.length].token;
  const r = await interleaved(target, {
    search: (i) => status(`${base}/api/search?serverId=${server.id}&q=${encodeURIComponent(qs[Math.abs(i) % qs.length])}&limit=25`, { token: token(i) }),
    history: (i) => status(`${base}/api/messages?channelId=${channels[Math.abs(i) % channels.length].id}&limit=25`, { token: token(i) }),
    // nobody has marked these channels read (the messages went straight into the database): every one is unread
    // from its first message, as for a person who has just joined a busy server
    "read states": (i) => status(`${base}/api/read-states`, { token: token(i) }),
  }, opts);
  const sorted = [...matches].sort((a, b) => a - b);
  return {
    result: {
      messages: opts.messages, channels: opts.channels, vocabulary: opts.vocabulary, fillS,
      queries: { count: qs.length, examples: qs.slice(0, 5), matches: { min: sorted[0], p50: sorted[sorted.length >> 1], max: sorted.at(-1), medianShare: sorted[sorted.length >> 1] / opts.messages } },
      search: r.search, history: r.history, readStates: r["read states"],
    },
    state: { channels, text },
  };
}

/**
 * How many messages each query matches, asked of the index directly (set-up information, not a measurement): every
 * word a quoted prefix, as the product's search builds its query (worker/db/queries/search.ts).
 */
async function matchCounts(databaseUrl, qs) {
  const db = createClient({ url: databaseUrl });
  try {
    const rs = await db.batch(qs.map((q) => ({
      sql: "SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH ?",
      args: [q.split(/\s+/).filter(Boolean).map((w) => `"${w.replaceAll('"', '""')}"*`).join(" ")],
    })), "read");
    return rs.map((r) => Number(r.rows[0].n));
  } finally {
    db.close();
  }
}

/** The trigger that indexes a new message, exactly as the migration that made it wrote it. */
function insertTriggerSql(root) {
  const file = path.join(root, "migrations/0007_reactions_and_search.sql");
  const sql = fs.readFileSync(file, "utf8").split("--> statement-breakpoint").map((s) => s.trim()).find((s) => s.includes("CREATE TRIGGER `messages_fts_insert`"));
  if (!sql) throw new Error(`${file} no longer creates messages_fts_insert`);
  return sql;
}

/**
 * `opts` = { rate (posts a second), phases (A/B/A/B…), phaseS (measured seconds each), settleS (posted, not counted,
 * at the start of each phase), root (the checkout, for the migration) }. Posts come from every person in turn, into
 * the search channels in turn, each a message of the same vocabulary; the product runs with its message rate limit
 * raised (the count is still taken in the same batch, so the work per post is the same).
 */
export async function runIndexingFeature(target, state, opts) {
  const base = target.workerUrl();
  const people = target.people();
  const server = target.server();
  const db = createClient({ url: target.databaseUrl() });
  const createTrigger = insertTriggerSql(opts.root);
  const indexed = async () => Number((await db.execute("SELECT count(*) AS n FROM messages_fts_docsize")).rows[0].n);
  let seq = 0;
  const post = async () => {
    const i = seq++;
    const url = `${base}/api/socket/messages?serverId=${server.id}&channelId=${state.channels[i % state.channels.length].id}`;
    return status(url, { method: "POST", token: people[i % people.length].token, body: { content: state.text(), nonce: `index-${i}` } });
  };
  /** Posts open-loop at `rate` for `seconds`; the latencies of those sent after `settleS`. */
  const phase = async (seconds) => {
    const interval = 1000 / opts.rate;
    const total = Math.round(seconds * opts.rate);
    const skip = Math.round(opts.settleS * opts.rate);
    const latencies = [];
    const inflight = [];
    let errors = 0;
    const start = now() + 5;
    for (let k = 0; k < total; ) {
      const t = now();
      while (k < total && start + k * interval <= t) {
        const counted = k++ >= skip;
        const sent = now();
        inflight.push(post().then((s) => {
          if (s !== 201) errors++;
          else if (counted) latencies.push(now() - sent);
        }, () => errors++));
      }
      if (k < total) await sleep(Math.max(0, start + k * interval - now() - 1));
    }
    await Promise.all(inflight);
    return { latencies, errors };
  };
  const sides = { with: { latencies: [], errors: 0, indexed: 0, posts: 0 }, without: { latencies: [], errors: 0, indexed: 0, posts: 0 } };
  const phases = [];
  try {
    // warm-up, with the index, as long as a phase: what the fill and the reads left behind (a checkpoint, a collection)
    // is then not all in the first phase, which is always one with the index
    await phase(opts.settleS + opts.phaseS);
    let hasTrigger = true;
    for (let p = 0; p < opts.phases; p++) {
      const side = p % 2 === 0 ? "with" : "without";
      if (side === "without" && hasTrigger) await db.execute("DROP TRIGGER messages_fts_insert");
      if (side === "with" && !hasTrigger) await db.execute(createTrigger);
      hasTrigger = side === "with";
      const before = await indexed();
      const r = await phase(opts.settleS + opts.phaseS);
      const rows = (await indexed()) - before;
      sides[side].latencies.push(...r.latencies);
      sides[side].errors += r.errors;
      sides[side].indexed += rows;
      sides[side].posts += r.latencies.length;
      phases.push({ side, posts: r.latencies.length, errors: r.errors, indexed: rows, ack: summarize(r.latencies) });
    }
    if (!hasTrigger) await db.execute(createTrigger);
  } finally {
    db.close();
  }
  const out = (s) => ({ posts: s.posts, errors: s.errors, indexed: s.indexed, ack: summarize(s.latencies) });
  return { rate: opts.rate, phaseS: opts.phaseS, with: out(sides.with), without: out(sides.without), phases };
}

export const searchFeatureRows = [
  ["GET p50 (ms)", (r) => r.latency.p50],
  ["GET p95 (ms)", (r) => r.latency.p95],
  ["GET p99 (ms)", (r) => r.latency.p99],
  ["GET max (ms)", (r) => r.latency.max],
  ["requests/s", (r) => r.perSecond, 0],
  ["errors", (r) => r.errors, 0],
];

export const indexingFeatureRows = [
  ["POST p50 (ms)", (r) => r.ack.p50],
  ["POST p95 (ms)", (r) => r.ack.p95],
  ["POST p99 (ms)", (r) => r.ack.p99],
  ["POST max (ms)", (r) => r.ack.max],
  ["posts measured", (r) => r.posts, 0],
  ["POST errors", (r) => r.errors, 0],
  // every post of the phases, the first second's too: 0 shows the trigger was really gone
  ["rows the index took in these phases", (r) => r.indexed, 0],
];
