// Servers: create, list, read, rename, delete, new invite code (with its limits), leave, who is online, and invites:
// preview and join. A person is in at most SERVERS_PER_PERSON_MAX servers.
import { Hono } from "hono";
import type { Context } from "hono";
import { isOwnUpload } from "../db/queries/uploads";
import type { AppEnv } from "../env";
import { SERVERS_PER_PERSON_MAX, schemas } from "../../contract";
import { optionalBody, validate } from "../validate";
import { fail } from "../errors";
import type { InvitePreview, Presence } from "../../contract";
import { ADMIN, membership, requireRole } from "../access";
import * as q from "../db/queries/servers";
import { requireSession } from "../auth/middleware";
import { roomsOfServer } from "../db/queries/rooms";
import { memberLeaves, removeFromRooms, serverChanged, serverChangedLater, whoIsOnline } from "../realtime";
import { bans } from "./bans";
import { auditLog } from "./audit-log";

/** A server's image must be a file the caller uploaded: checked before anything is written. */
async function ownImage(c: Context<AppEnv>, imageUrl: string | null | undefined) {
  if (imageUrl && !(await isOwnUpload(c.var.db, imageUrl, c.var.profile.id))) fail(400, "imageUrl must be a url POST /api/uploads returned to you");
}

export const servers = new Hono<AppEnv>()
  .use(requireSession)
  .post("/", validate("json", schemas.NewServer), async (c) => {
    await ownImage(c, c.req.valid("json").imageUrl);
    const serverId = await q.createServer(c.var.db, c.var.profile.id, c.req.valid("json"));
    if (!serverId) fail(400, TOO_MANY_SERVERS);
    return c.json((await q.getServerView(c.var.db, serverId!))!, 201);
  })
  .get("/", async (c) => c.json(await q.listServersOf(c.var.db, c.var.profile.id), 200))
  .get("/:serverId", async (c) => {
    const { serverId } = c.req.param();
    await membership(c.var.db, serverId, c.var.profile.id);
    return c.json((await q.getServerView(c.var.db, serverId))!, 200);
  })
  // who is online: the server's room knows (a socket open to it), the database does not
  .get("/:serverId/presence", async (c) => {
    const { serverId } = c.req.param();
    await membership(c.var.db, serverId, c.var.profile.id);
    const online = await whoIsOnline(c.env, serverId);
    if (!online) fail(503, "Presence is not available right now: the server's room cannot be reached");
    return c.json({ online: online! } satisfies Presence, 200);
  })
  .patch("/:serverId", validate("json", schemas.ServerPatch), async (c) => {
    const { serverId } = c.req.param();
    requireRole(await membership(c.var.db, serverId, c.var.profile.id), ADMIN, "change the server");
    await ownImage(c, c.req.valid("json").imageUrl);
    const server = await q.updateServer(c.var.db, serverId, c.req.valid("json"), { serverId, actorId: c.var.profile.id, action: "server.update", targetId: null });
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
    const server = await q.newInvite(c.var.db, serverId, await optionalBody(c.req.raw, schemas.InviteOptions), c.var.profile.id);
    serverChangedLater(c, serverId);
    return c.json(server, 200);
  })
  .patch("/:serverId/leave", async (c) => {
    const { serverId } = c.req.param();
    const member = await membership(c.var.db, serverId, c.var.profile.id);
    const server = (await q.getServer(c.var.db, serverId))!;
    if (server.profileId === c.var.profile.id) fail(400, "The owner cannot leave the server; delete it instead");
    await memberLeaves(c, member);
    serverChangedLater(c, serverId);
    return c.json(server, 200);
  })
  .route("/", bans)
  .route("/", auditLog);

const TOO_MANY_SERVERS = `A person can be in at most ${SERVERS_PER_PERSON_MAX} servers; leave one first`;
const UNKNOWN_INVITE = "This invite is not valid, or it was replaced by a new one";
const SPENT_INVITE = "This invite has expired or reached its limit of uses";

export const invite = new Hono<AppEnv>()
  .use(requireSession)
  // the landing page's preview: what the invite leads to, before joining
  .get("/:inviteCode", async (c) => {
    const preview = await q.invitePreview(c.var.db, c.req.param("inviteCode"), c.var.profile.id);
    if (!preview) fail(404, UNKNOWN_INVITE);
    const { open, ...answer } = preview!;
    if (!open && !answer.member) fail(410, SPENT_INVITE);
    return c.json(answer satisfies InvitePreview, 200);
  })
  .post("/:inviteCode", async (c) => {
    const result = await q.joinByInvite(c.var.db, c.req.param("inviteCode"), c.var.profile.id);
    if ("refused" in result) {
      if (result.refused === "unknown") fail(404, UNKNOWN_INVITE);
      if (result.refused === "banned") fail(403, "You are banned from this server");
      if (result.refused === "too-many-servers") fail(400, TOO_MANY_SERVERS);
      fail(410, SPENT_INVITE);
    }
    const { serverId, joined } = result as { serverId: string; joined: boolean };
    const view = (await q.getServerView(c.var.db, serverId))!;
    if (joined) serverChanged(c, view);
    return c.json(view, 200);
  });
