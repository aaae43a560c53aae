// Messages in a channel or a conversation, the shared part: room kinds, the wire shape of a row, the caller, mentions.
// One module for both kinds, since they differ only in table and room column; the writes are in message-create.ts,
// message-change.ts and message-reactions.ts.
// Every operation is a single batch (one round trip, one transaction): the membership check is part of the SQL, and
// on the hot paths (post, history, catch-up) the session check too.
import type { InStatement, Row } from "@libsql/client/web";
import type { Db } from "../client";
import type { Embed, Member, Message, MessageRef, Role } from "../../../contract";
import { conversationOpen, viaChannel, viaConversation } from "./access";
import { DB_NOW, SESSION_PROFILE, stmt } from "./sql";
import type { Args } from "./sql";

export interface RoomKind {
  table: "messages" | "direct_messages";
  roomColumn: "channel_id" | "conversation_id";
  roomField: "channelId" | "conversationId";
  /** the caller's member row (id, role) for the room, or no row: the whole access rule in SQL; `who` is the profile */
  access: (withServer: boolean, who: string) => string;
  /** SQL that is true when the room takes new messages */
  open: string;
  /** the table of reactions to this kind's messages */
  reactions: "message_reactions" | "direct_message_reactions";
  /** SQL of the member ids a `<@memberId>` mention may name here */
  mentionable: string;
  /** whether `@everyone` counts, for an author of role `role` (SQL) */
  everyone: (role: string) => string;
  /** SQL of the profile ids told of a new message in their own room (`author`: the author's member id), if any */
  recipients?: (author: string) => string;
  /** SQL of the server whose audit log hears of a pin or of a message deleted by another (a conversation's: its members') */
  auditServer: string;
  /** SQL that is true when the member `a` (a row of `access`) may post now: a channel's slowmode */
  slowmodeOk?: string;
}

export const CHANNEL: RoomKind = {
  table: "messages",
  roomColumn: "channel_id",
  roomField: "channelId",
  access: (withServer, who) => viaChannel(":room", `= ${who}`, { server: withServer ? ":server" : undefined }),
  open: "1",
  reactions: "message_reactions",
  mentionable: "SELECT mm.id FROM channels mc JOIN members mm ON mm.server_id = mc.server_id WHERE mc.id = :room AND mm.left = 0",
  everyone: (role) => `(:everyone = 1 AND ${role} IN ('ADMIN', 'MODERATOR'))`,
  auditServer: "(SELECT server_id FROM channels WHERE id = :room)",
  slowmodeOk: `(a.role IN ('ADMIN', 'MODERATOR') OR NOT EXISTS (
    SELECT 1 FROM messages s JOIN channels sc ON sc.id = s.channel_id
    WHERE s.channel_id = :room AND s.member_id = a.id AND sc.slowmode_seconds > 0
      AND s.created_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || sc.slowmode_seconds || ' seconds')))`,
};

export const CONVERSATION: RoomKind = {
  table: "direct_messages",
  roomColumn: "conversation_id",
  roomField: "conversationId",
  access: (_withServer, who) => viaConversation(":room", `= ${who}`),
  open: conversationOpen(":room"),
  reactions: "direct_message_reactions",
  mentionable: "SELECT mm.id FROM conversations mv JOIN members mm ON mm.id IN (mv.member_one_id, mv.member_two_id) WHERE mv.id = :room",
  everyone: () => "0",
  auditServer: "(SELECT cm.server_id FROM conversations cv JOIN members cm ON cm.id = cv.member_one_id WHERE cv.id = :room)",
  recipients: (author) =>
    `SELECT o.profile_id FROM conversations v JOIN members o ON o.id IN (v.member_one_id, v.member_two_id) WHERE v.id = :room AND o.id != ${author}`,
};

/**
 * Who asks, and about which room. `server` narrows a channel to the server the route named. The caller is either a
 * known `profile`, or whoever holds the live session whose token hashes to `session`: then the session is looked up
 * inside the operation's own batch, which saves a round trip, and an operation answers `no-session` without it.
 */
export type Caller = { room: string; server?: string } & ({ profile: string; session?: undefined } | { session: string; profile?: undefined });

/**
 * A message with everything the wire shape holds, in one statement: its author, the message it answers (as it is
 * now) and its reactions grouped by emoji in order of their first reaction. `me` is SQL of the caller's member id,
 * for `reactions[].me` (NULL: nobody, as in room frames).
 */
export const columns = (k: RoomKind, me = "NULL") => `
  SELECT x.id, x.content, x.file_url, x.deleted, x.${k.roomColumn} AS room_id, x.member_id, x.nonce, x.version,
         x.created_at, x.updated_at, x.reply_to_id, x.mentions, x.mention_everyone, x.seq, x.pinned_at, x.embeds,
         m.role, m.server_id, m.profile_id, m.created_at AS m_created_at, m.updated_at AS m_updated_at, m.left AS m_left,
         p.name AS p_name, p.image_url AS p_image_url,
         r.id AS r_id, r.content AS r_content, r.file_url AS r_file_url, r.deleted AS r_deleted, r.member_id AS r_member_id,
         rm.role AS rm_role, rm.server_id AS rm_server_id, rm.profile_id AS rm_profile_id, rm.created_at AS rm_created_at,
         rm.updated_at AS rm_updated_at, rm.left AS rm_left, rp.name AS rp_name, rp.image_url AS rp_image_url,
         (SELECT json_group_array(json_array(emoji, n, mine)) FROM (
            SELECT emoji, count(*) AS n, coalesce(max(member_id = ${me}), 0) AS mine FROM ${k.reactions}
            WHERE message_id = x.id GROUP BY emoji ORDER BY min(seq))) AS reactions
  FROM ${k.table} x JOIN members m ON m.id = x.member_id JOIN profiles p ON p.id = m.profile_id
  LEFT JOIN ${k.table} r ON r.id = x.reply_to_id LEFT JOIN members rm ON rm.id = r.member_id
  LEFT JOIN profiles rp ON rp.id = rm.profile_id`;

/** The author (or the replied-to author, with prefix `r`) of a row of `columns`. */
function memberOf(r: Row, prefix: "" | "r"): Member {
  const col = (name: string) => r[prefix ? `${prefix}m_${name}` : name === "id" ? "member_id" : `m_${name}`];
  const id = r[prefix ? "r_member_id" : "member_id"] as string;
  const profileId = r[prefix ? "rm_profile_id" : "profile_id"] as string;
  return {
    id,
    role: r[prefix ? "rm_role" : "role"] as Role,
    serverId: r[prefix ? "rm_server_id" : "server_id"] as string,
    profileId,
    createdAt: col("created_at") as string,
    updatedAt: col("updated_at") as string,
    profile: { id: profileId, name: r[prefix ? "rp_name" : "p_name"] as string, imageUrl: (r[prefix ? "rp_image_url" : "p_image_url"] as string | null) ?? null },
    left: Number(col("left")) === 1,
  };
}

function replyOf(r: Row): MessageRef | null {
  if (r.r_id === null || r.r_id === undefined) return null;
  return {
    id: r.r_id as string,
    content: r.r_content as string,
    fileUrl: (r.r_file_url as string | null) ?? null,
    deleted: Number(r.r_deleted) === 1,
    memberId: r.r_member_id as string,
    member: memberOf(r, "r"),
  };
}

export function toMessage(k: RoomKind, r: Row): Message {
  return {
    id: r.id as string,
    content: r.content as string,
    fileUrl: (r.file_url as string | null) ?? null,
    deleted: Number(r.deleted) === 1,
    [k.roomField]: r.room_id as string,
    memberId: r.member_id as string,
    member: memberOf(r, ""),
    nonce: (r.nonce as string | null) ?? null,
    version: Number(r.version),
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
    replyTo: replyOf(r),
    mentions: JSON.parse(r.mentions as string) as string[],
    mentionEveryone: Number(r.mention_everyone) === 1,
    reactions: (JSON.parse(r.reactions as string) as [string, number, number][]).map(([emoji, count, mine]) => ({ emoji, count, me: mine === 1 })),
    pinned: r.pinned_at !== null && r.pinned_at !== undefined,
    embeds: JSON.parse(r.embeds as string) as Embed[],
  };
}

/** The message as a room frame shows it to everyone: no reaction is anyone's own. */
export const forEveryone = (m: Message): Message => (m.reactions.some((r) => r.me) ? { ...m, reactions: m.reactions.map((r) => ({ ...r, me: false })) } : m);

export const callerArgs = (c: Caller) => ({
  room: c.room,
  ...(c.session !== undefined ? { session: c.session, sessionNow: new Date().toISOString() } : { profile: c.profile }),
  ...(c.server ? { server: c.server } : {}),
});
/** SQL of the caller's profile id: the known one, or the live session's (NULL without one). */
export const whoOf = (c: Caller) => (c.session !== undefined ? SESSION_PROFILE : ":profile");
export const accessOf = (k: RoomKind, c: Caller) => k.access(c.server !== undefined, whoOf(c));


/** SQL of the caller's member id in the room, for `reactions[].me`. */
export const meOf = (k: RoomKind, c: Caller) => `(SELECT a.id FROM (${accessOf(k, c)}) a)`;

/**
 * Runs the statements as one batch; for a session caller the session check goes first in the same batch, and
 * `live` says whether it found the session (always true for a known profile).
 */
export async function run(db: Db, c: Caller, args: Args, statements: InStatement[], mode: "read" | "write") {
  if (c.session === undefined) return { live: true, rs: await db.$client.batch(statements, mode) };
  const [session, ...rs] = await db.$client.batch([stmt(`SELECT ${SESSION_PROFILE} AS profile_id WHERE ${SESSION_PROFILE} IS NOT NULL`, args), ...statements], mode);
  return { live: session.rows.length > 0, rs };
}

/**
 * The version of the room's latest write before this one: SQLite runs writes one at a time, so each write of a room
 * names its predecessor exactly, and the room can put notifications that arrive out of order back in commit order.
 */
export const previousVersion = (k: RoomKind, args: Args) => stmt(`SELECT coalesce(max(version), 0) AS v FROM ${k.table} WHERE ${k.roomColumn} = :room`, args);

/** Mentions as the author wrote them: the `<@memberId>` ids in order of first appearance, and `@everyone`. */
export function mentionsIn(content: string): { ids: string[]; everyone: boolean } {
  const ids = [...new Set(Array.from(content.matchAll(/<@([0-9A-Za-z_-]{1,64})>/g), (m) => m[1]))];
  return { ids, everyone: /(^|[^\w<])@everyone\b/.test(content) };
}

/** The SQL of a message's stored mentions: the written ids that name members here, in the written order. */
export const storedMentions = (k: RoomKind) =>
  `(SELECT json_group_array(w.value) FROM (SELECT value FROM json_each(:mentionIds) WHERE value IN (${k.mentionable}) ORDER BY key) w)`;

export const mentionArgs = (content: string) => {
  const written = mentionsIn(content);
  return { mentionIds: JSON.stringify(written.ids), everyone: written.everyone ? 1 : 0 };
};
