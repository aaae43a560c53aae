// Servers: create, list, read, rename, delete, new invite code, leave, and join by invite.
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { schemas } from "../../contract";
import { validate } from "../validate";
import { fail } from "../errors";
import { ADMIN, membership, requireRole } from "../access";
import * as q from "../db/queries/servers";
import { requireSession } from "../auth/middleware";
import { roomsOfMember, roomsOfServer } from "../db/queries/rooms";
import { removeFromRooms, serverChanged, serverChangedLater } from "../realtime";
import { addGuest, findMember, removeMember } from "../db/queries/members";

export const servers = new Hono<AppEnv>()
  .use(requireSession)
  .post("/", validate("json", schemas.NewServer), async (c) => {
    const serverId = await q.createServer(c.var.db, c.var.profile.id, c.req.valid("json"));
    return c.json((await q.getServerView(c.var.db, serverId))!, 201);
  })
  .get("/", async (c) => c.json(await q.listServersOf(c.var.db, c.var.profile.id), 200))
  .get("/:serverId", async (c) => {
    const { serverId } = c.req.param();
    await membership(c.var.db, serverId, c.var.profile.id);
    return c.json((await q.getServerView(c.var.db, serverId))!, 200);
  })
  .patch("/:serverId", validate("json", schemas.ServerPatch), async (c) => {
    const { serverId } = c.req.param();
    requireRole(await membership(c.var.db, serverId, c.var.profile.id), ADMIN, "change the server");
    const server = await q.updateServer(c.var.db, serverId, c.req.valid("json"));
    serverChangedLater(c, serverId);
    return c.json(server, 200);
  })
  .delete("/:serverId", async (c) => {
    const { serverId } = c.req.param();
    await membership(c.var.db, serverId, c.var.profile.id);
    const server = (await q.getServer(c.var.db, serverId))!;
    if (server.profileId !== c.var.profile.id) fail(403, "Only the owner may delete the server");
    const rooms = await roomsOfServer(c.var.db, serverId);
    const deleted = await q.deleteServer(c.var.db, serverId);
    removeFromRooms(c, rooms, { all: true });
    return c.json(deleted ?? server, 200);
  })
  .patch("/:serverId/invite-code", async (c) => {
    const { serverId } = c.req.param();
    requireRole(await membership(c.var.db, serverId, c.var.profile.id), ADMIN, "make a new invite code");
    const server = await q.updateServer(c.var.db, serverId, { inviteCode: q.newInviteCode() });
    serverChangedLater(c, serverId);
    return c.json(server, 200);
  })
  .patch("/:serverId/leave", async (c) => {
    const { serverId } = c.req.param();
    const member = await membership(c.var.db, serverId, c.var.profile.id);
    const server = (await q.getServer(c.var.db, serverId))!;
    if (server.profileId === c.var.profile.id) fail(400, "The owner cannot leave the server; delete it instead");
    const rooms = await roomsOfMember(c.var.db, serverId, member.id);
    await removeMember(c.var.db, member.id);
    removeFromRooms(c, rooms, { profileIds: [member.profileId] });
    serverChangedLater(c, serverId);
    return c.json(server, 200);
  });

export const invite = new Hono<AppEnv>()
  .use(requireSession)
  .post("/:inviteCode", async (c) => {
    const server = await q.getServerByInvite(c.var.db, c.req.param("inviteCode"));
    if (!server) fail(404, "This invite is not valid, or it was replaced by a new one");
    const joined = !(await findMember(c.var.db, { serverId: server!.id, profileId: c.var.profile.id }));
    if (joined) await addGuest(c.var.db, server!.id, c.var.profile.id);
    const view = (await q.getServerView(c.var.db, server!.id))!;
    if (joined) serverChanged(c, view);
    return c.json(view, 200);
  });
