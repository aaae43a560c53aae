// What link previews keep in the database: the cache by url, and a message's embeds (set only while the message
// still says what was previewed, so a later edit's previews are never overwritten by an earlier one's).
import type { Db } from "../db/client";
import type { Embed, Message } from "../../contract";
import { columns, forEveryone, previousVersion, toMessage } from "../db/queries/messages";
import type { RoomKind } from "../db/queries/messages";
import { DB_NOW, stmt } from "../db/queries/sql";
import { viaChannel, viaConversation } from "../db/queries/access";

const FILES_PREFIX = "/api/files/";

/** The cached preview of a url fetched after `freshAfter`: an Embed, null (no preview), or undefined (not cached). */
export async function cachedPreview(db: Db, url: string, freshAfter: string): Promise<Embed | null | undefined> {
  const rs = await db.$client.execute({ sql: "SELECT embed FROM link_previews WHERE url = ? AND fetched_at > ?", args: [url, freshAfter] });
  if (!rs.rows[0]) return undefined;
  const embed = rs.rows[0].embed as string | null;
  return embed === null ? null : (JSON.parse(embed) as Embed);
}

export async function cachePreview(db: Db, url: string, embed: Embed | null, image: { key: string; type: string; size: number } | null) {
  await db.$client.execute(
    stmt(
      `INSERT INTO link_previews (url, embed, fetched_at, image_key, image_type, image_size) VALUES (:url, :embed, ${DB_NOW}, :key, :type, :size)
       ON CONFLICT (url) DO UPDATE SET embed = excluded.embed, fetched_at = excluded.fetched_at,
         image_key = excluded.image_key, image_type = excluded.image_type, image_size = excluded.image_size`,
      { url, embed: embed ? JSON.stringify(embed) : null, key: image?.key ?? null, type: image?.type ?? null, size: image?.size ?? null },
    ),
  );
}

/** Sets the embeds of a live message whose text is still `message.content`; answers it as the room shows it. */
export async function setEmbeds(db: Db, k: RoomKind, roomId: string, message: Message, embeds: Embed[]): Promise<{ message: Message; after: number } | undefined> {
  const keys = embeds.flatMap((e) => (e.imageUrl ? [e.imageUrl.slice(FILES_PREFIX.length)] : []));
  const args = { room: roomId, id: message.id, content: message.content, embeds: JSON.stringify(embeds), keys: JSON.stringify(keys) };
  const [previous, update, , found] = await db.$client.batch(
    [
      previousVersion(k, args),
      stmt(`UPDATE ${k.table} SET embeds = :embeds WHERE id = :id AND ${k.roomColumn} = :room AND deleted = 0 AND content = :content AND embeds != :embeds`, args),
      // the images it shows now, for the files route's access check (right after the update: changes() is its count)
      stmt(`INSERT OR IGNORE INTO embed_images (message_id, image_key, image_type, image_size)
            SELECT :id, lp.image_key, lp.image_type, lp.image_size FROM link_previews lp
            WHERE changes() = 1 AND lp.image_key IN (SELECT value FROM json_each(:keys))`, args),
      stmt(`${columns(k)} WHERE x.id = :id AND x.${k.roomColumn} = :room`, args),
    ],
    "write",
  );
  if (update.rowsAffected !== 1) return undefined;
  return { message: forEveryone(toMessage(k, found.rows[0])), after: Number(previous.rows[0].v) };
}

/**
 * A preview's image by its key, for the files route, if this person may read a message that shows it now (as for an
 * upload: a deleted or edited message that no longer shows it grants nothing); undefined for anyone else.
 */
export async function previewImage(db: Db, key: string, profileId: string): Promise<{ key: string; type: string; size: number } | undefined> {
  const shows = (table: string) => `e.image_key = :key AND EXISTS (SELECT 1 FROM ${table} x WHERE x.id = e.message_id AND x.deleted = 0
      AND instr(x.embeds, :url) > 0 AND EXISTS (${table === "messages" ? viaChannel("x.channel_id", "= :profile") : viaConversation("x.conversation_id", "= :profile")}))`;
  const rs = await db.$client.execute(
    stmt(`SELECT e.image_key, e.image_type, e.image_size FROM embed_images e WHERE (${shows("messages")}) OR (${shows("direct_messages")}) LIMIT 1`, { key, url: `${FILES_PREFIX}${key}`, profile: profileId }),
  );
  const row = rs.rows[0];
  return row ? { key: row.image_key as string, type: row.image_type as string, size: Number(row.image_size) } : undefined;
}
