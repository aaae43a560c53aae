// After a server's shape changes (name, invite, channels, members, roles), the server's room tells every member's
// sidebar, so nobody needs to reload to see a new channel or a promotion. Sent after the answer, never failing it.
import type { Context } from "hono";
import type { AppEnv } from "./env";
import type { ServerView } from "../contract";
import { serverKey } from "../contract";
import { getServerView } from "./db/queries/servers";
import { notifyRoom } from "./realtime";

/** The view the route already has. */
export function serverChanged(c: Context<AppEnv>, view: ServerView): void {
  c.executionCtx.waitUntil(notifyRoom(c.env, view.id, serverKey(view.id), view));
}

/** Answers with the server's new view and sends the same to the server's room. */
export async function answerServerView(c: Context<AppEnv>, serverId: string, status: 200 | 201) {
  const view = (await getServerView(c.var.db, serverId))!;
  serverChanged(c, view);
  return c.json(view, status);
}

/** Reads the view after the answer is on its way, for routes that answer with something else. */
export function serverChangedLater(c: Context<AppEnv>, serverId: string): void {
  const db = c.var.db;
  c.executionCtx.waitUntil(
    getServerView(db, serverId)
      .then((view) => view && notifyRoom(c.env, serverId, serverKey(serverId), view))
      .catch((err) => console.warn("server event not sent:", (err as Error).message)),
  );
}
