// The product's SQL for the Socket.io baseline: the same session lookup, the same one-batch membership check and
// insert, the same history page — copied from worker/auth/session.ts and worker/db/queries/messages.ts (channel
// rooms), so the baseline pays for exactly the database work the product pays for.
import { createHash, randomBytes } from "node:crypto";

export const hashToken = (token) => createHash("sha256").update(token).digest("base64url");
export const newId = () => randomBytes(13).toString("hex");

const access = (withServer) =>
  `SELECT m.id, m.role FROM channels c JOIN members m ON m.server_id = c.server_id
     WHERE c.id = :room AND m.profile_id = :profile${withServer ? " AND c.server_id = :server" : ""}`;

const columns = `
  SELECT x.id, x.content, x.file_url, x.deleted, x.channel_id AS room_id, x.member_id, x.nonce, x.version,
         x.created_at, x.updated_at, m.role, m.server_id, m.profile_id, m.created_at AS m_created_at,
         m.updated_at AS m_updated_at, p.name AS p_name, p.image_url AS p_image_url
  FROM messages x JOIN members m ON m.id = x.member_id JOIN profiles p ON p.id = m.profile_id`;

function toMessage(r) {
  return {
    id: r.id,
    content: r.content,
    fileUrl: r.file_url ?? null,
    deleted: Number(r.deleted) === 1,
    channelId: r.room_id,
    memberId: r.member_id,
    member: {
      id: r.member_id,
      role: r.role,
      serverId: r.server_id,
      profileId: r.profile_id,
      createdAt: r.m_created_at,
      updatedAt: r.m_updated_at,
      profile: { id: r.profile_id, name: r.p_name, imageUrl: r.p_image_url ?? null },
    },
    nonce: r.nonce ?? null,
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function stmt(sql, args) {
  const used = new Set(Array.from(sql.matchAll(/:(\w+)/g), (m) => m[1]));
  return { sql, args: Object.fromEntries(Object.entries(args).filter(([k]) => used.has(k))) };
}

/** The profile behind a bearer token, as drizzle asks it in the product (one round trip). */
export async function findSession(db, token) {
  const rs = await db.execute({
    sql: `select "profiles"."id", "profiles"."name", "profiles"."image_url", "profiles"."email" from "sessions"
          inner join "profiles" on "profiles"."id" = "sessions"."profile_id"
          where ("sessions"."id" = ? and "sessions"."expires_at" > ?) limit ?`,
    args: [hashToken(token), new Date().toISOString(), 1],
  });
  return rs.rows[0];
}

export async function isMember(db, room, profile) {
  return (await db.execute(stmt(access(false), { room, profile }))).rows.length > 0;
}

/** Membership check, insert and read-back in one batch (one transaction, one round trip). */
export async function createMessage(db, caller, input) {
  const id = newId();
  const now = new Date().toISOString();
  const args = { ...caller, id, now, content: input.content, fileUrl: input.fileUrl ?? null, nonce: input.nonce ?? null };
  const [, found] = await db.batch(
    [
      stmt(`INSERT INTO messages (id, content, file_url, channel_id, member_id, nonce, created_at, updated_at)
            SELECT :id, :content, :fileUrl, :room, a.id, :nonce, :now, :now FROM (${access(true)}) a WHERE true
            ON CONFLICT (channel_id, member_id, nonce) DO NOTHING`, args),
      stmt(`${columns} WHERE x.id = :id
            OR (:nonce IS NOT NULL AND x.channel_id = :room AND x.nonce = :nonce
                AND x.member_id = (SELECT a.id FROM (${access(true)}) a)) LIMIT 1`, args),
    ],
    "write",
  );
  const row = found.rows[0];
  return row && { message: toMessage(row), created: row.id === id };
}

/** Newest first, `limit` of them, with the member check and the cursor check in the same batch. */
export async function historyPage(db, caller, { cursor, limit }) {
  const args = { ...caller, cursor: cursor ?? null, take: limit + 1 };
  const before = cursor ? "AND x.seq < (SELECT seq FROM messages WHERE id = :cursor AND channel_id = :room)" : "";
  const [member, cursorRow, page] = await db.batch(
    [
      stmt(access(false), args),
      stmt("SELECT 1 FROM messages WHERE id = :cursor AND channel_id = :room", args),
      stmt(`${columns} WHERE x.channel_id = :room ${before} ORDER BY x.seq DESC LIMIT :take`, args),
    ],
    "read",
  );
  if (!member.rows[0]) return undefined;
  if (cursor && !cursorRow.rows[0]) return undefined;
  const rows = page.rows.slice(0, limit);
  return { items: rows.map(toMessage), nextCursor: page.rows.length > limit ? rows[rows.length - 1].id : null };
}
