// Notification levels per person and room (a channel, a conversation, or a whole server by its id). Only levels
// that differ from the default are kept: `all` for a conversation, `mentions` for a server; a channel's own level is
// always kept, since without it the channel takes its server's.
import type { Db } from "../client";
import type { NotificationLevel, NotificationSetting } from "../../../contract";
import { viaChannel, viaConversation, viaServer } from "./access";
import { DB_NOW, stmt } from "./sql";

export async function notificationSettings(db: Db, profileId: string): Promise<NotificationSetting[]> {
  const rs = await db.$client.execute({ sql: "SELECT room_id, level FROM notification_settings WHERE profile_id = ? ORDER BY room_id", args: [profileId] });
  return rs.rows.map((r) => ({ roomId: r.room_id as string, level: r.level as NotificationLevel }));
}

/** Sets the caller's level for a room they may read; undefined when they may not (or it does not exist). */
export async function setNotificationLevel(db: Db, profileId: string, roomId: string, level: NotificationLevel): Promise<NotificationSetting | undefined> {
  const args = { profile: profileId, room: roomId, level };
  const who = "= :profile";
  const kind = `CASE WHEN EXISTS (${viaChannel(":room", who)}) THEN 'channel'
                     WHEN EXISTS (${viaConversation(":room", who)}) THEN 'conversation'
                     WHEN EXISTS (${viaServer(":room", who)}) THEN 'server' END`;
  const isDefault = `((${kind}) = 'conversation' AND :level = 'all') OR ((${kind}) = 'server' AND :level = 'mentions')`;
  const [, , found] = await db.$client.batch(
    [
      stmt(`DELETE FROM notification_settings WHERE profile_id = :profile AND room_id = :room AND (${isDefault})`, args),
      stmt(`INSERT INTO notification_settings (profile_id, room_id, level, updated_at)
            SELECT :profile, :room, :level, ${DB_NOW} WHERE (${kind}) IS NOT NULL AND NOT (${isDefault})
            ON CONFLICT (profile_id, room_id) DO UPDATE SET level = excluded.level, updated_at = excluded.updated_at`, args),
      stmt(`SELECT ${kind} AS kind`, args),
    ],
    "write",
  );
  return found.rows[0]?.kind ? { roomId, level } : undefined;
}
