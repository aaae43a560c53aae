// Room tickets: a member of a channel's server, one of a conversation's two members, or a member of a server (for
// its server-wide room) gets a short-lived ticket bound to that room and to them; the room checks it before the
// WebSocket opens.
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { PARTY, signTicket, TICKET_SECONDS } from "../../contract";
import type { Ticket } from "../../contract";
import { requireParam } from "../validate";
import { fail } from "../errors";
import { requireSession } from "../auth/middleware";
import { mayEnterRoom } from "../db/queries/rooms";

export const realtime = new Hono<AppEnv>().use(requireSession).get("/ticket", async (c) => {
  const room = requireParam(c.req.query("room"), "room");
  if (!c.env.REALTIME_SECRET) fail(503, "Realtime is not configured: set REALTIME_SECRET");
  if (!(await mayEnterRoom(c.var.db, room, c.var.profile.id))) fail(404, "Room not found");
  const iat = Date.now();
  const exp = iat + TICKET_SECONDS * 1000;
  const ticket = await signTicket(c.env.REALTIME_SECRET!, { room, profileId: c.var.profile.id, iat, exp });
  return c.json({ host: c.env.PARTYKIT_HOST, party: PARTY, room, ticket, expiresAt: new Date(exp).toISOString() } satisfies Ticket, 200);
});
