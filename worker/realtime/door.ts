// The rooms' door on the worker's own origin: `/parties/main/<roomId>`. Only a WebSocket upgrade with a valid
// ticket for that very room gets through to the room; everything else is refused here and reaches no room, so
// nothing from outside can make a room broadcast (only the worker does, over RPC: ./index.ts).
import { routePartykitRequest } from "partyserver";
import type { Bindings } from "../env";
import { PARTY, verifyTicket } from "../../contract";
import type { TicketClaims } from "../../contract";
import { ROOM_HEADERS } from "../../party/headers";
import { isRoomId } from "../../party/relays";

const refuse = (status: number, error: string) => Response.json({ error }, { status });

/** The ticket's claims for this room, or the refusal. */
async function admit(url: URL, roomId: string, env: Bindings): Promise<TicketClaims | Response> {
  const ticket = url.searchParams.get("ticket");
  if (!ticket) return refuse(401, "Missing ticket");
  if (!env.REALTIME_SECRET) return refuse(503, "Realtime is not configured: set REALTIME_SECRET");
  const claims = await verifyTicket(env.REALTIME_SECRET, ticket);
  if (!claims) return refuse(401, "Invalid or expired ticket");
  if (claims.room !== roomId) return refuse(403, "This ticket is for another room");
  return claims;
}

/**
 * Which object of the room takes this socket: the room's root says (itself, or one of its relays once it is full:
 * party/relays.ts). A root that cannot be asked takes the socket itself.
 */
async function placed(env: Bindings, roomId: string, claims: TicketClaims): Promise<string> {
  try {
    return await env.Main.get(env.Main.idFromName(roomId)).place(claims.profileId, claims.iat, claims.sessionId);
  } catch (err) {
    console.warn(`room ${roomId}: placement not asked (the root takes the socket):`, (err as Error).message);
    return roomId;
  }
}

/** The room's answer for a `/parties/...` request, or null when the path is not a room's. */
export async function serveRooms(req: Request, env: Bindings): Promise<Response | null> {
  const url = new URL(req.url);
  const [, , party, roomId] = url.pathname.split("/");
  // one party; PartyServer would answer any other with a plain-text 400
  if (party !== PARTY) return refuse(404, "No such party");
  // a relay is reached only through its root's placement, never by name
  if (roomId !== undefined && roomId !== "" && !isRoomId(roomId)) return refuse(404, "No such room");
  let claims: TicketClaims | undefined;
  if (roomId && req.headers.get("Upgrade")?.toLowerCase() === "websocket") {
    const admitted = await admit(url, roomId, env);
    if (admitted instanceof Response) return admitted;
    claims = admitted;
    const object = await placed(env, roomId, claims);
    if (object !== roomId) {
      url.pathname = `/parties/${PARTY}/${object}`;
      req = new Request(url, req);
    }
  }
  return routePartykitRequest(req, env as unknown as Cloudflare.Env, {
    onBeforeRequest: () => refuse(405, "Rooms accept WebSocket upgrades with a ticket only"),
    async onBeforeConnect(request) {
      if (!claims) return refuse(401, "Missing ticket");
      // set, never appended: a client's own headers of these names are replaced (or removed, for a ticket that has
      // no such claim)
      request.headers.set(ROOM_HEADERS.profile, claims.profileId);
      request.headers.set(ROOM_HEADERS.issuedAt, String(claims.iat));
      request.headers.set(ROOM_HEADERS.session, claims.sessionId);
      const who = { [ROOM_HEADERS.kind]: claims.kind, [ROOM_HEADERS.member]: claims.memberId ?? undefined, [ROOM_HEADERS.name]: claims.name && encodeURIComponent(claims.name) };
      for (const [header, value] of Object.entries(who)) value ? request.headers.set(header, value) : request.headers.delete(header);
      return request;
    },
  }).then((res) => (res?.status === 101 && res.webSocket ? uncompressed(res.webSocket, new URL(req.url).pathname.split("/")[3]) : res));
}

/**
 * The room's 101, declining WebSocket compression. Every browser offers permessage-deflate, and workerd would
 * then deflate each frame once per socket: one room of 1,000 sockets at 20 messages a second goes from tens of
 * milliseconds to seconds (docs/PERFORMANCE.md). Frames are small JSON, so the room declines it. The
 * `no_web_socket_compression` flag is not enough: with static assets, Cloudflare's asset router answers the
 * upgrade in front of this worker with its own flags and accepts the browser's offer. An agreement header
 * naming no extension workerd knows is kept by every worker on the way and resolved by workerd into "none",
 * which reaches the browser as no extension at all (test/deployed-bundle.test.ts checks both).
 */
function uncompressed(webSocket: WebSocket, object: string): Response {
  // which of the room's objects holds the socket (the room itself, or `<room>~<k>`, one of its relays)
  return new Response(null, { status: 101, webSocket, headers: { "sec-websocket-extensions": NO_EXTENSION, [OBJECT_HEADER]: object } });
}
export const OBJECT_HEADER = "x-edgecord-room-object";
const NO_EXTENSION = "x-edgecord-none";
