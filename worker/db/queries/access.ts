// Who reaches a room, written once. Only current members reach anything: a former member's row (left = 1) stays
// as the author of their history and grants nothing. Each rule is the SQL of the member rows (m.id, m.role, m.profile_id) through
// which a profile reaches the room; every check is built from these: the message queries' batches (where the rule
// runs inside the write itself), room tickets and the rooms' own re-checks (rooms.ts) and call tokens (calls.ts).
// `room` and `who` are SQL expressions: a placeholder such as `:room`, and a condition on the profile id such as
// `= :profile` or `IN (?, ?)`.

/** A channel's room: the members of its server. `server` narrows it to the server a route named. */
export const viaChannel = (room: string, who: string, opts: { server?: string; types?: readonly string[] } = {}) =>
  `SELECT m.id, m.role, m.profile_id FROM channels c JOIN members m ON m.server_id = c.server_id
   WHERE c.id = ${room} AND m.profile_id ${who} AND m.left = 0${opts.server ? ` AND c.server_id = ${opts.server}` : ""}${
     opts.types ? ` AND c.type IN (${opts.types.map((t) => `'${t}'`).join(", ")})` : ""
   }`;

/** A conversation's room: its two members. */
export const viaConversation = (room: string, who: string) =>
  `SELECT m.id, m.role, m.profile_id FROM conversations v JOIN members m ON m.id IN (v.member_one_id, v.member_two_id)
   WHERE v.id = ${room} AND m.profile_id ${who} AND m.left = 0`;

/** A server's own room: its members. */
export const viaServer = (room: string, who: string) =>
  `SELECT m.id, m.role, m.profile_id FROM members m WHERE m.server_id = ${room} AND m.profile_id ${who} AND m.left = 0`;

/** A person's own room: the person. */
export const viaSelf = (room: string, who: string) => `SELECT NULL AS id, NULL AS role, p.id AS profile_id FROM profiles p WHERE p.id = ${room} AND p.id ${who}`;

/**
 * Whether a room takes new messages: a conversation whose other member is a former member is read-only (its
 * current member still reads it; posting is refused). Channels always do.
 */
export const conversationOpen = (room: string) =>
  `NOT EXISTS (SELECT 1 FROM conversations v JOIN members o ON o.id IN (v.member_one_id, v.member_two_id) WHERE v.id = ${room} AND o.left = 1)`;

/**
 * Who may read an uploaded file (`url` is its /api/files/… url, `who` a condition on the profile id): its uploader,
 * whoever may read a channel message, a direct message or a profile that uses it, and anyone signed in for a
 * server's current image, which invite previews show to people not in it yet. A deleted message uses no file; a
 * former member reads nothing of the server but its image.
 */
export const fileReaders = (key: string, url: string, who: string) => `
  SELECT 1 FROM uploads u WHERE u.key = ${key} AND u.profile_id ${who}
  UNION ALL SELECT 1 FROM messages x WHERE x.file_url = ${url} AND EXISTS (${viaChannel("x.channel_id", who)})
  UNION ALL SELECT 1 FROM direct_messages x WHERE x.file_url = ${url} AND EXISTS (${viaConversation("x.conversation_id", who)})
  UNION ALL SELECT 1 FROM servers s WHERE s.image_url = ${url}
  UNION ALL SELECT 1 FROM profiles p JOIN members pm ON pm.profile_id = p.id AND pm.left = 0
    WHERE p.image_url = ${url} AND EXISTS (${viaServer("pm.server_id", who)})`;
