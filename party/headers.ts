// The headers the rooms' door (worker/realtime/door.ts) sets from a verified ticket and a room reads: the one place
// their names are spelled. Whatever a client sent under these names is replaced or removed at the door.
export const ROOM_HEADERS = {
  profile: "x-edgecord-profile",
  /** when the ticket was issued (ms since the epoch): a ticket older than a removal is spent */
  issuedAt: "x-edgecord-ticket-iat",
  /** the sign-in session that asked for the ticket: when it ends, its sockets go and its tickets are spent */
  session: "x-edgecord-session",
  /** from the ticket's claims, absent for a ticket without them */
  kind: "x-edgecord-room-kind",
  member: "x-edgecord-member",
  /** the person's name, URI-encoded: a header carries bytes, a name any text */
  name: "x-edgecord-name",
} as const;
