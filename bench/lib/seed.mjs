// Set-up straight through SQL, in large batches: channels full of messages, reactions, a crowd of members. Not part
// of any measurement; every measured request goes through the API.
import { createHash, randomBytes } from "node:crypto";
import { createClient } from "@libsql/client";

export async function fillChannel(databaseUrl, { channelId, memberId, count, batch = 10_000 }) {
  const db = createClient({ url: databaseUrl });
  try {
    const at = new Date().toISOString();
    for (let done = 0; done < count; done += batch) {
      const size = Math.min(batch, count - done);
      await db.execute({
        sql: `INSERT INTO messages (id, content, channel_id, member_id, created_at, updated_at)
              WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :size)
              SELECT printf('hist-%s-%08d', :channel, :offset + i), 'history message ' || (:offset + i), :channel, :member, :at, :at FROM n`,
        args: { size, offset: done, channel: channelId, member: memberId, at },
      });
    }
    const rs = await db.execute({ sql: "SELECT count(*) AS n FROM messages WHERE channel_id = ?", args: [channelId] });
    return Number(rs.rows[0].n);
  } finally {
    db.close();
  }
}

/**
 * Inserts `count` messages, `rowOf(i)` → { id, content, channelId, memberId, replyToId? } for i in 0..count-1, in
 * order (so `seq` follows i), `batch` rows to a statement. The database's triggers run as for any insert: each row
 * gets its `version`, and the full-text index takes its text.
 */
export async function insertMessages(databaseUrl, count, rowOf, { batch = 10_000 } = {}) {
  const db = createClient({ url: databaseUrl });
  try {
    const at = new Date().toISOString();
    for (let done = 0; done < count; done += batch) {
      const rows = [];
      for (let i = done; i < Math.min(count, done + batch); i++) {
        const r = rowOf(i);
        rows.push([r.id, r.content, r.channelId, r.memberId, r.replyToId ?? null]);
      }
      await db.execute({
        sql: `INSERT INTO messages (id, content, channel_id, member_id, reply_to_id, created_at, updated_at)
              SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
                     json_extract(value, '$[3]'), json_extract(value, '$[4]'), :at, :at
              FROM json_each(:rows) ORDER BY key`,
        args: { rows: JSON.stringify(rows), at },
      });
    }
  } finally {
    db.close();
  }
}

/** Inserts reactions [messageId, emoji, memberId] in order (their `seq` orders a message's emoji), in batches. */
export async function insertReactions(databaseUrl, reactions, { batch = 20_000 } = {}) {
  const db = createClient({ url: databaseUrl });
  try {
    const at = new Date().toISOString();
    for (let done = 0; done < reactions.length; done += batch) {
      await db.execute({
        sql: `INSERT INTO message_reactions (message_id, emoji, member_id, created_at)
              SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), :at
              FROM json_each(:rows) ORDER BY key`,
        args: { rows: JSON.stringify(reactions.slice(done, done + batch)), at },
      });
    }
  } finally {
    db.close();
  }
}

/**
 * `count` people who are members (GUEST) of `serverId`, each with a live session: the rows sign-up, sign-in and an
 * invite would have written, straight through SQL, because a thousand sign-ups (PBKDF2 each) would be most of a
 * scenario's time. Answers [{ profileId, memberId, name, token }]; the token works as a Bearer token like any
 * session's (only its SHA-256 is stored, as worker/auth/session.ts does). Nobody can sign in with a password.
 */
export async function addCrowd(databaseUrl, { serverId, count, tag = Date.now().toString(36) }) {
  const db = createClient({ url: databaseUrl });
  try {
    const now = new Date();
    const at = now.toISOString();
    const expires = new Date(now.getTime() + 7 * 86_400_000).toISOString();
    const crowd = Array.from({ length: count }, (_, i) => ({
      profileId: `crowd-${tag}-p${i}`,
      memberId: `crowd-${tag}-m${i}`,
      name: `Crowd ${i}`,
      token: randomBytes(32).toString("base64url"),
    }));
    const rows = JSON.stringify(crowd.map((p) => [p.profileId, p.memberId, p.name, createHash("sha256").update(p.token).digest("base64url"), `${p.profileId}@bench.test`]));
    const pick = (i) => `json_extract(value, '$[${i}]')`;
    await db.batch([
      { sql: `INSERT INTO profiles (id, name, email, password_hash, created_at, updated_at) SELECT ${pick(0)}, ${pick(2)}, ${pick(4)}, 'none', :at, :at FROM json_each(:rows)`, args: { rows, at } },
      { sql: `INSERT INTO sessions (id, profile_id, created_at, expires_at) SELECT ${pick(3)}, ${pick(0)}, :at, :expires FROM json_each(:rows)`, args: { rows, at, expires } },
      { sql: `INSERT INTO members (id, role, profile_id, server_id, created_at, updated_at) SELECT ${pick(1)}, 'GUEST', ${pick(0)}, :server, :at, :at FROM json_each(:rows)`, args: { rows, at, server: serverId } },
    ], "write");
    return crowd;
  } finally {
    db.close();
  }
}
