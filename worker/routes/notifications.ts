// Notification levels: GET /api/notification-settings (the caller's levels that are not the default) and
// PUT /api/notification-settings/:roomId for a channel, a conversation or a whole server the caller may read.
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { schemas } from "../../contract";
import type { NotificationSetting } from "../../contract";
import { validate } from "../validate";
import { fail } from "../errors";
import { requireSession } from "../auth/middleware";
import { notificationSettings, setNotificationLevel } from "../db/queries/notifications";

export const notifications = new Hono<AppEnv>()
  .use(requireSession)
  .get("/", async (c) => c.json((await notificationSettings(c.var.db, c.var.profile.id)) satisfies NotificationSetting[], 200))
  .put("/:roomId", validate("json", schemas.NotificationChange), async (c) => {
    const roomId = c.req.param("roomId");
    if (roomId.length > 64) fail(404, "Channel, conversation or server not found");
    const setting = await setNotificationLevel(c.var.db, c.var.profile.id, roomId, c.req.valid("json").level);
    if (!setting) fail(404, "Channel, conversation or server not found");
    return c.json(setting!, 200);
  });
