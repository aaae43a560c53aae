// Room tickets: whoever may enter a room (worker/db/queries/rooms.ts) gets a short-lived ticket bound to that
// room and to them; the door checks it before the WebSocket opens (worker/realtime/door.ts). The ticket also names
// the room's kind and the person's member id and name, which the same query found: the room relays typing and
// keeps presence with them and never asks the database who a socket is.
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { PARTY, signTicket, TICKET_SECONDS } from "../../contract";
import type { Ticket } from "../../contract";
import { query, requireParam } from "../validate";
import { fail } from "../errors";
import { requireSession } from "../auth/middleware";
import { roomEntry } from "../db/queries/rooms";
import { take } from "../db/queries/rates";
import { limitOf, secondsUntilFree, tooMany } from "../limits";
import { roomsHost } from "./config";

export const tickets = new Hono<AppEnv>().use(requireSession).get("/ticket", query("room"), async (c) => {
  const room = requireParam(c.req.query("room"), "room");
  if (!c.env.REALTIME_SECRET) fail(503, "Realtime is not configured: set REALTIME_SECRET");
  const entry = await roomEntry(c.var.db, room, c.var.profile.id);
  if (!entry) fail(404, "Room not found");
  // each ticket lets a socket in, and each socket costs its room: a person may ask only so often
  const limit = limitOf(c.env, "RATE_LIMIT_TICKETS");
  const taken = await take(c.var.db, "'tickets:' || :profile", { profile: c.var.profile.id }, limit);
  if (taken.retryAfterFrom) tooMany(c, secondsUntilFree(taken.retryAfterFrom, limit), "Too many room tickets asked for");
  const iat = Date.now();
  const exp = iat + TICKET_SECONDS * 1000;
  const { id: profileId, name } = c.var.profile;
  const ticket = await signTicket(c.env.REALTIME_SECRET!, { room, profileId, sessionId: c.var.sessionId, iat, exp, kind: entry!.kind, memberId: entry!.memberId, name });
  return c.json({ host: roomsHost(c), party: PARTY, room, ticket, expiresAt: new Date(exp).toISOString() } satisfies Ticket, 200);
});
