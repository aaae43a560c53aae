// Room tickets: whoever may enter a room (worker/db/queries/rooms.ts) gets a short-lived ticket bound to that
// room and to them; the door checks it before the WebSocket opens (worker/realtime/door.ts).
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { PARTY, signTicket, TICKET_SECONDS } from "../../contract";
import type { Ticket } from "../../contract";
import { requireParam } from "../validate";
import { fail } from "../errors";
import { requireSession } from "../auth/middleware";
import { mayEnterRoom } from "../db/queries/rooms";
import { roomsHost } from "./config";

export const tickets = new Hono<AppEnv>().use(requireSession).get("/ticket", async (c) => {
  const room = requireParam(c.req.query("room"), "room");
  if (!c.env.REALTIME_SECRET) fail(503, "Realtime is not configured: set REALTIME_SECRET");
  if (!(await mayEnterRoom(c.var.db, room, c.var.profile.id))) fail(404, "Room not found");
  const iat = Date.now();
  const exp = iat + TICKET_SECONDS * 1000;
  const ticket = await signTicket(c.env.REALTIME_SECRET!, { room, profileId: c.var.profile.id, iat, exp });
  return c.json({ host: roomsHost(c), party: PARTY, room, ticket, expiresAt: new Date(exp).toISOString() } satisfies Ticket, 200);
});
