// Channels: create, edit (name, type, slowmode), delete. ADMIN and MODERATOR; `general` is reserved: its name and
// type never change.
import { Hono } from "hono";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { CHANNELS_PER_SERVER_MAX, RESERVED_CHANNEL, schemas } from "../../contract";
import { foldName } from "../names";
import type { Channel } from "../../contract";
import { query, requireParam, validate } from "../validate";
import { fail } from "../errors";
import { membership, requireRole, STAFF } from "../access";
import { requireSession } from "../auth/middleware";
import { answerServerView, removeFromRooms } from "../realtime";
import * as q from "../db/queries/channels";

async function staffIn(c: Context<AppEnv>, action: string): Promise<string> {
  const serverId = requireParam(c.req.query("serverId"), "serverId");
  requireRole(await membership(c.var.db, serverId, c.var.profile.id), STAFF, action);
  return serverId;
}

async function findOrFail(c: Context<AppEnv>, serverId: string): Promise<Channel> {
  const channel = await q.findChannel(c.var.db, c.req.param("channelId")!, serverId);
  if (!channel) fail(404, "Channel not found");
  return channel!;
}

async function mutableChannel(c: Context<AppEnv>, serverId: string, action: string): Promise<Channel> {
  const channel = await findOrFail(c, serverId);
  if (foldName(channel!.name) === RESERVED_CHANNEL) fail(400, `The "${RESERVED_CHANNEL}" channel cannot be ${action}`);
  return channel!;
}

/** `general`, and whatever looks like it (ｇｅｎｅｒａｌ, a Cyrillic е, a zero-width space), names one channel only. */
function notReserved(name: string | undefined) {
  if (name !== undefined && foldName(name) === RESERVED_CHANNEL) fail(400, `The channel name "${RESERVED_CHANNEL}" is reserved (names are compared as they look)`);
}

export const channels = new Hono<AppEnv>()
  .use(requireSession)
  .post("/", validate("json", schemas.NewChannel), query("serverId"), async (c) => {
    const serverId = await staffIn(c, "create channels");
    notReserved(c.req.valid("json").name);
    const made = await q.createChannel(c.var.db, { ...c.req.valid("json"), serverId, profileId: c.var.profile.id });
    if (!made) fail(400, `A server has at most ${CHANNELS_PER_SERVER_MAX} channels`);
    return answerServerView(c, serverId, 201);
  })
  .patch("/:channelId", validate("json", schemas.ChannelPatch), query("serverId"), async (c) => {
    const serverId = await staffIn(c, "edit channels");
    const patch = c.req.valid("json");
    // general keeps its name and type, but may be slowed down like any channel
    const channel = patch.name === undefined && patch.type === undefined
      ? await findOrFail(c, serverId)
      : await mutableChannel(c, serverId, "renamed or retyped");
    notReserved(patch.name);
    await q.updateChannel(c.var.db, channel, patch, c.var.profile.id);
    return answerServerView(c, serverId, 200);
  })
  .delete("/:channelId", query("serverId"), async (c) => {
    const serverId = await staffIn(c, "delete channels");
    const channel = await mutableChannel(c, serverId, "deleted");
    await q.deleteChannel(c.var.db, channel, c.var.profile.id);
    removeFromRooms(c, [channel.id], { all: true });
    return answerServerView(c, serverId, 200);
  });
