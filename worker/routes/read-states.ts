// Read states: what the caller has read of each channel and conversation (`GET /api/read-states`), and marking a
// room read up to a message (`PUT /api/read-states/:roomId`). Each is one database round trip, the session check
// included (sessionInBatch, as on the message hot paths).
import { Hono } from "hono";
import type { Context } from "hono";
import { schemas } from "../../contract";
import type { ReadState } from "../../contract";
import { validate } from "../validate";
import { badRequest, fail } from "../errors";
import { noSession, requireSession, sessionInBatch } from "../auth/middleware";
import type { HotEnv } from "../auth/middleware";
import * as q from "../db/queries/read-states";

const reader = (c: Context<HotEnv>): q.Reader =>
  c.var.sessionHash !== undefined ? { session: c.var.sessionHash } : { profile: c.var.profile.id };

export const readStates = new Hono<HotEnv>()
  .get("/", sessionInBatch, async (c) => {
    const result = await q.readStates(c.var.db, reader(c));
    if ("refused" in result) await noSession(c);
    return c.json((result as { states: ReadState[] }).states, 200);
  })
  .put("/:roomId", sessionInBatch, validate("json", schemas.ReadMark), async (c) => {
    const result = await q.markRoomRead(c.var.db, reader(c), c.req.param("roomId"), c.req.valid("json").messageId);
    if ("refused" in result) {
      if (result.refused === "no-session") await noSession(c);
      if (result.refused === "no-access") fail(404, "Channel or conversation not found");
      badRequest("messageId must name a message of this channel or conversation");
    }
    return c.json((result as { state: ReadState }).state, 200);
  })
  .use(requireSession); // after the routes: any other method hears 401 before 405, as the message routes do
