// Message search: GET /api/search over a server's text channels or one conversation (worker/db/queries/search.ts).
import { Hono } from "hono";
import { schemas, SEARCH_PAGE_DEFAULT } from "../../contract";
import { validate } from "../validate";
import { badRequest, fail } from "../errors";
import { noSession, requireSession, sessionInBatch } from "../auth/middleware";
import type { HotEnv } from "../auth/middleware";
import { searchMessages } from "../db/queries/search";
import type { Caller } from "../db/queries/messages";
import { callerArgs, whoOf } from "../db/queries/messages";
import { take } from "../db/queries/rates";
import { limitOf, secondsUntilFree, tooMany } from "../limits";

export const search = new Hono<HotEnv>()
  .get("/", sessionInBatch, validate("query", schemas.SearchQuery), async (c) => {
    const input = c.req.valid("query");
    const room = (input.serverId ?? input.conversationId)!;
    const session = c.var.sessionHash;
    const who: Caller = session !== undefined ? { room, session } : { room, profile: c.var.profile.id };
    // a search reads much more than a post writes: a person may search only so often (the bucket is theirs, by
    // profile, whichever session asks)
    const limit = limitOf(c.env, "RATE_LIMIT_SEARCH");
    const taken = await take(c.var.db, `'search:' || ${whoOf(who)}`, callerArgs(who), limit);
    if (taken.retryAfterFrom) tooMany(c, secondsUntilFree(taken.retryAfterFrom, limit), "You are searching too fast");
    const page = await searchMessages(c.var.db, who, {
      scope: input.serverId !== undefined ? "server" : "conversation",
      words: schemas.searchWords(input.q),
      channelId: input.channelId,
      memberId: input.memberId,
      hasFile: input.has === "file",
      cursor: input.cursor,
      limit: input.limit ?? SEARCH_PAGE_DEFAULT,
    });
    if ("refused" in page) {
      if (page.refused === "no-session") await noSession(c);
      if (page.refused === "bad-cursor") badRequest("This cursor was not issued by the server");
      if (page.refused === "no-channel") fail(404, "Channel not found");
      if (page.refused === "no-member") fail(404, "Member not found");
      fail(404, input.serverId !== undefined ? "Server not found" : "Conversation not found");
    }
    return c.json(page, 200);
  })
  .use(requireSession); // after the route: any other method hears 401 before 405, as the message reads do
