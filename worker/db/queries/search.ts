// Message search in one batch (one round trip): the session, the access rule and every filter run inside the SQL,
// and the words are matched by the database's own full-text index (messages_fts / direct_messages_fts, migration
// 0007: only messages that are not deleted, with their current text).
import type { Db } from "../client";
import { schemas } from "../../../contract";
import type { SearchPage } from "../../../contract";
import { SESSION_PROFILE } from "./sql";
import { viaChannel, viaConversation, viaServer } from "./access";
import { CHANNEL, CONVERSATION, callerArgs, columns, run, toMessage } from "./messages";
import { stmt } from "./sql";
import type { Caller } from "./messages";

export interface SearchInput {
  /** a server's text channels (`Caller.room` is the server id) or one conversation (its id) */
  scope: "server" | "conversation";
  /** the words of `q` (searchWords): each must start a word of the message */
  words: string[];
  channelId?: string;
  memberId?: string;
  hasFile: boolean;
  cursor?: string;
  limit: number;
}

export type SearchResult = SearchPage | { refused: "no-session" | "no-access" | "no-channel" | "no-member" | "bad-cursor" };

/**
 * The FTS5 query: every word a quoted string with a prefix star, all of them required. Inside quotes FTS5 reads no
 * operator, column filter or parenthesis, so nothing a person types is syntax; `"` is escaped by doubling it. A word
 * the tokenizer splits (`don't`) becomes a phrase whose last token is the prefix.
 */
export const matchQuery = (words: string[]) => words.map((w) => `"${w.replaceAll('"', '""')}"*`).join(" ");

export async function searchMessages(db: Db, c: Caller, input: SearchInput): Promise<SearchResult> {
  const server = input.scope === "server";
  const k = server ? CHANNEL : CONVERSATION;
  const fts = `${k.table}_fts`;
  const who = `= ${c.session !== undefined ? SESSION_PROFILE : ":profile"}`;
  const access = server ? viaServer(":room", who) : viaConversation(":room", who);
  const args = {
    ...callerArgs(c), match: matchQuery(input.words), channel: input.channelId ?? null, member: input.memberId ?? null,
    cursor: input.cursor ?? null, take: input.limit + 1,
  };
  // a message shows only where the caller may read its room: a text channel of this server, or this conversation
  const readable = server
    ? `EXISTS (${viaChannel("y.channel_id", who, { server: ":room", types: ["TEXT"] })})`
    : `y.conversation_id = :room AND EXISTS (${access})`;
  const cursorSeq = server
    ? "SELECT cx.seq FROM messages cx JOIN channels cc ON cc.id = cx.channel_id WHERE cx.id = :cursor AND cc.server_id = :room"
    : "SELECT cx.seq FROM direct_messages cx WHERE cx.id = :cursor AND cx.conversation_id = :room";
  const filters = [
    input.channelId !== undefined ? "AND y.channel_id = :channel" : "",
    input.memberId !== undefined ? "AND y.member_id = :member" : "",
    input.hasFile ? "AND y.file_url IS NOT NULL" : "",
  ].join(" ");
  const before = input.cursor !== undefined ? `AND ${fts}.rowid < (${cursorSeq})` : "";
  const statements = [
    stmt(access, args),
    stmt("SELECT 1 FROM channels WHERE id = :channel AND server_id = :room AND type = 'TEXT'", args),
    stmt(
      server
        ? "SELECT 1 FROM members WHERE id = :member AND server_id = :room"
        : "SELECT 1 FROM conversations WHERE id = :room AND :member IN (member_one_id, member_two_id)",
      args,
    ),
    stmt(cursorSeq, args),
  ];
  if (input.words.length > 0)
    statements.push(
      // the page is picked from the index newest first and stops at its end (no sort of every match); only those
      // few messages are then read in full
      stmt(`${columns(k, `(SELECT a.id FROM (${access}) a)`)}
        WHERE x.seq IN (
          SELECT ${fts}.rowid FROM ${fts} JOIN ${k.table} y ON y.seq = ${fts}.rowid
          WHERE ${fts} MATCH :match ${before} AND y.deleted = 0 AND ${readable} ${filters}
          ORDER BY ${fts}.rowid DESC LIMIT :take)
        ORDER BY x.seq DESC`, args),
    );
  const { live, rs } = await run(db, c, args, statements, "read");
  if (!live) return { refused: "no-session" };
  const [allowed, channel, member, cursor, page] = rs;
  if (!allowed.rows[0]) return { refused: "no-access" };
  if (input.channelId !== undefined && !channel.rows[0]) return { refused: "no-channel" };
  if (input.memberId !== undefined && !member.rows[0]) return { refused: "no-member" };
  if (input.cursor !== undefined && !cursor.rows[0]) return { refused: "bad-cursor" };
  const terms = [...new Set(input.words.map(schemas.searchFold))];
  if (!page) return { items: [], nextCursor: null, terms };
  const rows = page.rows.slice(0, input.limit);
  const more = page.rows.length > input.limit;
  return { items: rows.map((r) => toMessage(k, r)), nextCursor: more ? (rows[rows.length - 1].id as string) : null, terms };
}
