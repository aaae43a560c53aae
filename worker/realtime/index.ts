// The one module that tells rooms what happened: events after a commit, and removals when someone lost access.
// Rooms are Durable Objects of this worker (party/room.ts), reached over RPC on the `Main` binding. Nothing here
// throws or delays an answer: the database is the source of truth, a client that missed an event catches up over
// HTTP, and a room that missed a removal puts the person out at its next access re-check.
import type { Context } from "hono";
import type { AppEnv, Bindings } from "../env";
import type { CommitPlace, FrameData, Member, Removal, RoomFrame, ServerView } from "../../contract";
import { memberKey, serverKey } from "../../contract";
import { getServerView } from "../db/queries/servers";
import { removeMember } from "../db/queries/members";
import { roomsOfMember, roomsOfProfile } from "../db/queries/rooms";
import type { Audit } from "../db/queries/audit";

type Ctx = Context<AppEnv> | Context<{ Bindings: Bindings }>;

/**
 * The room's stub. Addressed by name (`idFromName`), so the room knows its own name without PartyServer's
 * `getServerByName`, which would spend one more RPC on every notice to tell it.
 */
const room = (env: Bindings, roomId: string) => env.Main.get(env.Main.idFromName(roomId));

/** `{ key, data }` with `data` already JSON (the text the HTTP answer carries), so nothing is stringified twice. */
export const frameOf = (key: RoomFrame["key"], dataJson: string) => `{"key":${JSON.stringify(key)},"data":${dataJson}}`;

async function publish(env: Bindings, roomId: string, frame: string, place?: CommitPlace, passive = false): Promise<boolean> {
  try {
    const stub = room(env, roomId);
    await (passive ? stub.publishPassive(frame) : stub.publish(frame, place));
    return true;
  } catch (err) {
    console.warn(`room ${roomId} could not be told:`, (err as Error).message);
    return false;
  }
}

/** After the answer: sends `{ key, data }` to the room (`place`: the message event's place in commit order). */
export function tellRoom<K extends RoomFrame["key"]>(c: Ctx, roomId: string, key: K, data: FrameData<K>, place?: CommitPlace): void {
  tellRoomJson(c, roomId, key, JSON.stringify(data), place);
}

/** The same with `data` already JSON. */
export function tellRoomJson(c: Ctx, roomId: string, key: RoomFrame["key"], dataJson: string, place?: CommitPlace): void {
  c.executionCtx.waitUntil(publish(c.env, roomId, frameOf(key, dataJson), place));
}

/**
 * After the answer: sends a passive event, one the room may hold up to a second and batch with others (a server's
 * activity events, for every member's unread badges; see party/outbox.ts).
 */
export function tellRoomPassive<K extends RoomFrame["key"]>(c: Ctx, roomId: string, key: K, data: FrameData<K>): void {
  c.executionCtx.waitUntil(publish(c.env, roomId, frameOf(key, JSON.stringify(data)), undefined, true));
}

/** Who is online in a server (a socket open to its room), asked of the room; undefined when it cannot be reached. */
export async function whoIsOnline(env: Bindings, serverId: string): Promise<string[] | undefined> {
  try {
    return await room(env, serverId).online();
  } catch (err) {
    console.warn(`room ${serverId}: presence not available:`, (err as Error).message);
    return undefined;
  }
}

/** After the answer: puts out of these rooms the people who lost access (or everyone). */
export function removeFromRooms(c: Ctx, roomIds: string[], removal: Removal): void {
  if (roomIds.length === 0) return;
  c.executionCtx.waitUntil(
    Promise.all(
      roomIds.map((roomId) =>
        room(c.env, roomId)
          .remove(removal)
          .catch((err: Error) => console.warn(`room ${roomId}: removal not delivered (its re-check will do it):`, err.message)),
      ),
    ),
  );
}

// A server's shape changed (name, invite, channels, members, roles): its room tells every member's sidebar.

/** The view the route already has. */
export function serverChanged(c: Ctx, view: ServerView): void {
  tellRoom(c, view.id, serverKey(view.id), view);
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
      .then((view) => view && publish(c.env, serverId, frameOf(serverKey(serverId), JSON.stringify(view))))
      .catch((err) => console.warn("server event not sent:", (err as Error).message)),
  );
}

/**
 * Leaving, a kick and a ban: the member becomes a former member (their history stays), their sockets in the
 * server's and their conversations' rooms are closed with 4003, and each of those conversations' rooms tells its
 * other member, whose chat becomes read-only. The server's room is told by the route, with its answer. A kick
 * hands its `audit` entry, written with the removal.
 */
export async function memberLeaves(c: Context<AppEnv>, member: Member, audit?: Audit): Promise<void> {
  await removeMember(c.var.db, member.id, audit);
  await memberLeft(c, member);
}

/** The same, for a member the database has already made a former member (a ban does it in its own transaction). */
export async function memberLeft(c: Context<AppEnv>, member: Member): Promise<void> {
  const rooms = await roomsOfMember(c.var.db, member.serverId, member.id);
  removeFromRooms(c, [...rooms.shared, ...rooms.conversations], { profileIds: [member.profileId] });
  const former = { ...member, left: true };
  for (const conversationId of rooms.conversations) tellRoom(c, conversationId, memberKey(conversationId), former);
}

/**
 * Sessions ended (sign-out, sign-out everywhere, one ended from the list of devices, a password change): every room
 * the person can be in closes the sockets those sessions opened with 4003, and keeps their tickets out. A room
 * this misses (say, past the platform's subrequest limit) puts them out at its next re-check, which asks whether
 * the session lives.
 */
export async function sessionsEnded(c: Context<AppEnv>, profileId: string, sessionIds: string[]): Promise<void> {
  if (sessionIds.length === 0) return;
  removeFromRooms(c, await roomsOfProfile(c.var.db, profileId), { sessionIds });
}
