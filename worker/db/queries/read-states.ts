// Read states: how far a person has read each channel and conversation, and how much by someone else (and how much
// of it mentioning them) came after. A mark is a message's `seq` in its table, so "never moves back" and
// "after the mark" compare one number. Each operation is one batch, one round trip, with the session check inside it
// (as on the message hot paths), however many rooms the person is in; who reaches a room is the rule of ./access.ts.
import type { InStatement, Row } from "@libsql/client/web";
import type { Db } from "../client";
import type { ReadState } from "../../../contract";
import { READ_STATE_MENTIONS_MAX } from "../../../contract";
import { DB_NOW, SESSION_PROFILE, stmt } from "./sql";
import { viaChannel, viaConversation } from "./access";
import { MENTIONING } from "../schema/messages";

/** Who reads: a known profile, or whoever holds the live session whose token hashes to `session`. */
export type Reader = { profile: string; session?: undefined } | { session: string; profile?: undefined };


/**
 * Marks rooms read: `select` yields (profile_id, room_id, seq, message id, updated_at) and must have a WHERE (SQLite's
 * upsert after a SELECT needs one). A mark only moves forward: an older message keeps the later mark (posting marks
 * its room read the same way, in the post's own batch: db/queries/messages.ts).
 */
export const markRead = (select: string) =>
  `INSERT INTO read_states (profile_id, room_id, last_read_seq, last_read_message_id, updated_at) ${select}
   ON CONFLICT (profile_id, room_id) DO UPDATE SET last_read_seq = excluded.last_read_seq,
     last_read_message_id = excluded.last_read_message_id, updated_at = excluded.updated_at
   WHERE excluded.last_read_seq > read_states.last_read_seq`;

const kinds = {
  channel: { table: "messages", roomColumn: "channel_id" },
  conversation: { table: "direct_messages", roomColumn: "conversation_id" },
} as const;
type Kind = keyof typeof kinds;

/**
 * The read state of each room of the CTE `rooms` (room_id, server_id, member_id: the reader's member there, null
 * when they may not read it; peer_member_id, peer_server_id: a conversation's other member and its server). Unread:
 * a message by someone else, not deleted, accepted (seq) after the mark, or any when there is none; mentions: those
 * naming the reader's member id in `mentions`, or `@everyone`. Both counted up to the cap.
 */
function statesOf(kind: Kind, rooms: string, me: string) {
  const { table, roomColumn } = kinds[kind];
  const unread = `FROM ${table} x WHERE x.${roomColumn} = r.room_id AND x.seq > coalesce(rs.last_read_seq, 0) AND x.deleted = 0
    AND x.member_id <> r.member_id`;
  // the partial index's own WHERE, as written, so the count reads only messages that mention anyone, not every
  // message after the mark (for a room never marked, its whole history)
  const mentioning = `(${MENTIONING})`;
  const mentioned = `(x.mention_everyone = 1 OR EXISTS (SELECT 1 FROM json_each(x.mentions) j WHERE j.value = r.member_id))`;
  const counted = (where: string) => `(SELECT count(*) FROM (SELECT 1 ${where} LIMIT ${READ_STATE_MENTIONS_MAX}))`;
  return `SELECT r.room_id, r.server_id, rs.last_read_message_id, r.peer_member_id, r.peer_server_id,
      ${counted(unread)} AS unread_count, ${counted(`${unread} AND ${mentioning} AND ${mentioned}`)} AS mentions
    FROM ${rooms} r LEFT JOIN read_states rs ON rs.profile_id = ${me} AND rs.room_id = r.room_id
    WHERE r.member_id IS NOT NULL`;
}

/** Channels as rooms: `where` picks them (`ch`); `types` narrows whom the rule lets read them. */
const channelRooms = (where: string, me: string, types?: string[]) =>
  `SELECT ch.id AS room_id, ch.server_id AS server_id, (SELECT a.id FROM (${viaChannel("ch.id", `= ${me}`, { types })}) a) AS member_id,
     NULL AS peer_member_id, NULL AS peer_server_id
   FROM channels ch WHERE ${where}`;

/** Conversations as rooms (`where` picks them, `v2`), with the other member, whom a client lists the conversation by. */
const conversationRooms = (where: string, me: string) =>
  `SELECT room_id, NULL AS server_id, member_id, CASE WHEN member_id = one THEN two ELSE one END AS peer_member_id,
     (SELECT server_id FROM members WHERE id = one) AS peer_server_id
   FROM (SELECT v2.id AS room_id, (SELECT a.id FROM (${viaConversation("v2.id", `= ${me}`)}) a) AS member_id,
           v2.member_one_id AS one, v2.member_two_id AS two
         FROM conversations v2 WHERE ${where})`;

/**
 * The rooms to answer for, as CTEs: materialized, so the reader's member row is found once per room, not again for
 * every message the counts look at (SQLite would otherwise put the subquery in place of `r.member_id`).
 */
const roomsCte = (sources: { channels: string; conversations: string }) =>
  `ch_rooms AS MATERIALIZED (${sources.channels}), dm_rooms AS MATERIALIZED (${sources.conversations})`;
const statesOfRooms = (me: string) => `${statesOf("channel", "ch_rooms", me)} UNION ALL ${statesOf("conversation", "dm_rooms", me)}`;

function toState(r: Row): ReadState {
  const unreadCount = Number(r.unread_count);
  return {
    roomId: r.room_id as string,
    serverId: (r.server_id as string | null) ?? null,
    lastReadMessageId: (r.last_read_message_id as string | null) ?? null,
    unread: unreadCount > 0,
    mentions: Number(r.mentions),
    unreadCount,
    ...(r.peer_member_id ? { peer: { serverId: r.peer_server_id as string, memberId: r.peer_member_id as string } } : {}),
  };
}

const meOf = (who: Reader) => (who.session !== undefined ? SESSION_PROFILE : ":profile");

/** One batch; a session reader's session check goes first in it, and `live` says whether it found the session. */
async function run(db: Db, who: Reader, args: Record<string, string | null>, statements: string[], mode: "read" | "write") {
  const all = { ...args, ...(who.session !== undefined ? { session: who.session, sessionNow: new Date().toISOString() } : { profile: who.profile }) };
  const session = who.session !== undefined ? [`SELECT ${SESSION_PROFILE} AS profile_id WHERE ${SESSION_PROFILE} IS NOT NULL`] : [];
  const rs = await db.$client.batch([...session, ...statements].map((sql) => stmt(sql, all)), mode);
  return { live: session.length === 0 || rs[0].rows.length > 0, rs: rs.slice(session.length) };
}

export type ReadStatesResult = { states: ReadState[] } | { refused: "no-session" };

/**
 * Every TEXT channel of the reader's current servers and every conversation they are in (not those of a former
 * membership), in one statement. The candidates are the rooms of any member row of theirs; the rule decides.
 */
export async function readStates(db: Db, who: Reader): Promise<ReadStatesResult> {
  const me = meOf(who);
  const mine = `SELECT id, server_id FROM members WHERE profile_id = ${me}`;
  const sql = `WITH mine AS (${mine}), ${roomsCte({
    channels: channelRooms("ch.server_id IN (SELECT server_id FROM mine) AND ch.type = 'TEXT'", me, ["TEXT"]),
    conversations: conversationRooms("v2.member_one_id IN (SELECT id FROM mine) OR v2.member_two_id IN (SELECT id FROM mine)", me),
  })}
    SELECT * FROM (${statesOfRooms(me)}) ORDER BY server_id IS NULL, server_id, room_id`;
  const { live, rs } = await run(db, who, {}, [sql], "read");
  if (!live) return { refused: "no-session" };
  return { states: rs[0].rows.map(toState) };
}

export type MarkResult = { state: ReadState } | { refused: "no-session" | "no-access" | "not-in-room" };

/** Marks the room read up to and including the message (never back), and answers the room's read state after. */
export async function markRoomRead(db: Db, who: Reader, roomId: string, messageId: string): Promise<MarkResult> {
  const me = meOf(who);
  // any channel the reader may read, not only TEXT: whatever holds messages can be marked
  const channelMember = `(SELECT a.id FROM (${viaChannel(":room", `= ${me}`)}) a)`;
  const conversationMember = `(SELECT a.id FROM (${viaConversation(":room", `= ${me}`)}) a)`;
  const message = (kind: Kind) => `SELECT seq, id FROM ${kinds[kind].table} WHERE id = :message AND ${kinds[kind].roomColumn} = :room`;
  const { live, rs } = await run(db, who, { room: roomId, message: messageId }, [
    `${message("channel")} UNION ALL ${message("conversation")}`,
    markRead(`SELECT ${me}, :room, x.seq, x.id, ${DB_NOW} FROM (
        ${message("channel")} AND ${channelMember} IS NOT NULL
        UNION ALL ${message("conversation")} AND ${conversationMember} IS NOT NULL) x WHERE true`),
    `WITH ${roomsCte({ channels: channelRooms("ch.id = :room", me), conversations: conversationRooms("v2.id = :room", me) })} ${statesOfRooms(me)}`,
  ], "write");
  if (!live) return { refused: "no-session" };
  const [found, , state] = rs;
  if (!state.rows[0]) return { refused: "no-access" };
  if (!found.rows[0]) return { refused: "not-in-room" };
  return { state: toState(state.rows[0]) };
}
