// Bans: ADMIN only. A ban removes the member as a kick does and closes their sockets; an invite lets a banned
// person in no more until the ban is lifted.
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { eq } from "drizzle-orm";
import type { AppEnv } from "../env";
import { schemas } from "../../contract";
import type { Ban } from "../../contract";
import { validate } from "../validate";
import { fail } from "../errors";
import { ADMIN, membership, requireRole } from "../access";
import { findMember } from "../db/queries/members";
import { getServer } from "../db/queries/servers";
import { bansOf, liftBan, putBan } from "../db/queries/bans";
import { profiles } from "../db/schema";
import { memberLeft, serverChangedLater } from "../realtime";

const adminOnly = createMiddleware<AppEnv>(async (c, next) => {
  requireRole(await membership(c.var.db, c.req.param("serverId")!, c.var.profile.id), ADMIN, "manage bans");
  await next();
});

/** Mounted inside the servers routes (worker/routes/servers.ts), behind their session check. */
export const bans = new Hono<AppEnv>()
  .use("/:serverId/bans", adminOnly)
  .use("/:serverId/bans/*", adminOnly)
  .get("/:serverId/bans", async (c) => c.json((await bansOf(c.var.db, c.req.param("serverId"))) satisfies Ban[], 200))
  .put("/:serverId/bans/:profileId", validate("json", schemas.NewBan), async (c) => {
    const { serverId, profileId } = c.req.param();
    if (profileId === c.var.profile.id) fail(400, "You cannot ban yourself");
    const server = (await getServer(c.var.db, serverId))!;
    if (profileId === server.profileId) fail(400, "You cannot ban the server's owner");
    const [exists] = await c.var.db.select({ id: profiles.id }).from(profiles).where(eq(profiles.id, profileId)).limit(1);
    if (!exists) fail(404, "Profile not found");
    // the ban and the removal in one transaction: a join racing it cannot leave a banned member behind
    const { ban, removed } = await putBan(c.var.db, serverId, profileId, c.req.valid("json").reason ?? null, c.var.profile.id);
    const member = removed && (await findMember(c.var.db, { serverId, memberId: removed, former: true }));
    if (member) {
      // as a kick does: their sockets close, their conversations turn read-only
      await memberLeft(c, member);
      serverChangedLater(c, serverId);
    }
    return c.json(ban satisfies Ban, 200);
  })
  .delete("/:serverId/bans/:profileId", async (c) => {
    const { serverId, profileId } = c.req.param();
    await liftBan(c.var.db, serverId, profileId, c.var.profile.id);
    return c.body(null, 204);
  });
