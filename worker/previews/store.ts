// What link previews keep in the database: the cache by url, and a message's embeds (set only while the message
// still says what was previewed, so a later edit's previews are never overwritten by an earlier one's).
import type { Db } from "../db/client";
import type { Embed, Message } from "../../contract";
import { columns, forEveryone, previousVersion, toMessage } from "../db/queries/messages";
import type { RoomKind } from "../db/queries/messages";
import { DB_NOW, stmt } from "../db/queries/sql";

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
  const args = { room: roomId, id: message.id, content: message.content, embeds: JSON.stringify(embeds) };
  const [previous, update, found] = await db.$client.batch(
    [
      previousVersion(k, args),
      stmt(`UPDATE ${k.table} SET embeds = :embeds WHERE id = :id AND ${k.roomColumn} = :room AND deleted = 0 AND content = :content AND embeds != :embeds`, args),
      stmt(`${columns(k)} WHERE x.id = :id AND x.${k.roomColumn} = :room`, args),
    ],
    "write",
  );
  if (update.rowsAffected !== 1) return undefined;
  return { message: forEveryone(toMessage(k, found.rows[0])), after: Number(previous.rows[0].v) };
}

/** A preview's image by its key, for the files route: anyone signed in may see it (it came from a public page). */
export async function previewImage(db: Db, key: string): Promise<{ key: string; type: string; size: number } | undefined> {
  const rs = await db.$client.execute({ sql: "SELECT image_key, image_type, image_size FROM link_previews WHERE image_key = ? LIMIT 1", args: [key] });
  const row = rs.rows[0];
  return row ? { key: row.image_key as string, type: row.image_type as string, size: Number(row.image_size) } : undefined;
}
