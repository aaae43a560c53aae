// Calls: LiveKit tokens for voice, video and conversation rooms; LiveKit's webhook, which keeps who is in which
// room; and who is in each voice channel of a server, for the sidebar.
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { voiceKey } from "../../contract";
import type { CallToken } from "../../contract";
import { query, requireParam } from "../validate";
import { fail } from "../errors";
import { membership } from "../access";
import { requireSession } from "../auth/middleware";
import { callToken, receiveWebhook } from "../livekit";
import { tellRoom } from "../realtime";
import * as q from "../db/queries/calls";

/** When LiveKit made the event (whole seconds), or now when it did not say. */
function eventTime(createdAt: bigint): string {
  const ms = Number(createdAt) * 1000;
  return new Date(ms > 0 && ms < 8.64e15 ? ms : Date.now()).toISOString();
}

export const livekit = new Hono<AppEnv>()
  // before requireSession: LiveKit calls this, proving itself with a signature rather than a session
  .post("/webhook", async (c) => {
    // the exact bytes, as signed; LiveKit sends them as application/webhook+json
    const event = await receiveWebhook(c.env, await c.req.text(), c.req.header("authorization"));
    const roomId = event.room?.name;
    const at = eventTime(event.createdAt);
    const identity = event.participant?.identity;
    let change: q.CallChange | undefined;
    switch (event.event) {
      case "participant_joined":
        if (roomId && identity) change = await q.joinCall(c.var.db, roomId, identity, at);
        break;
      case "participant_left":
      case "participant_connection_aborted":
        if (roomId && identity) change = await q.leaveCall(c.var.db, roomId, identity, at);
        break;
      case "room_finished":
        if (roomId) change = await q.finishCall(c.var.db, roomId);
        break;
    }
    if (change?.changed && change.serverId) {
      const serverId = change.serverId;
      // the sidebar of everyone in the server shows who is in which voice channel; the answer to LiveKit need not wait
      c.executionCtx.waitUntil(
        q
          .participantsOf(c.var.db, serverId)
          .then((participants) => tellRoom(c, serverId, voiceKey(serverId), participants))
          .catch((err) => console.warn("voice participants not sent:", (err as Error).message)),
      );
    }
    return c.json({ event: event.event, changed: change?.changed ?? false }, 200);
  })
  .use(requireSession)
  .get("/", query("room", "username"), async (c) => {
    const room = requireParam(c.req.query("room"), "room");
    requireParam(c.req.query("username"), "username");
    if (!(await q.mayJoinCall(c.var.db, room, c.var.profile.id))) fail(403, "You may not join this call");
    return c.json({ token: await callToken(c.env, room, c.var.profile) } satisfies CallToken, 200);
  })
  .get("/participants", query("serverId"), async (c) => {
    const serverId = requireParam(c.req.query("serverId"), "serverId");
    await membership(c.var.db, serverId, c.var.profile.id);
    return c.json(await q.participantsOf(c.var.db, serverId), 200);
  });
