// Fills a channel with many messages straight through SQL, in large batches: set-up, not part of any measurement.
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
