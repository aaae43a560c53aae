// Editing or soft-deleting a message of a channel or a conversation, with its rate limit and audit entry in the same batch.
import type { Db } from "../client";
import type { Message } from "../../../contract";
import { DELETED_CONTENT } from "../../../contract";
import { newId } from "../../ids";
import { DB_NOW, stmt } from "./sql";
import { full, guard } from "./rates";
import type { Limit } from "../../limits";
import { auditSql } from "./audit";
import { accessOf, callerArgs, columns, meOf, mentionArgs, previousVersion, storedMentions, toMessage, whoOf } from "./messages";
import type { Caller, RoomKind } from "./messages";

export type ChangeResult = { message: Message; after: number } | { refused: "no-access" | "not-found" | "forbidden" } | { refused: "rate-limited"; oldest: string };

/**
 * Edits (author only) or soft-deletes (author, ADMIN, MODERATOR) a live message of the room. An edit recomputes
 * the mentions, and moves `updatedAt` only when the text really changed; a delete clears mentions and reactions.
 */
export async function changeMessage(
  db: Db, k: RoomKind, c: Caller, messageId: string, change: { edit: string } | { delete: true }, rate: Limit,
): Promise<ChangeResult> {
  // edits and deletes per member per room (RATE_LIMIT_EDITS), counted with the update itself
  const edits = guard("edits", `'edits:' || ${whoOf(c)} || ':' || :room`, rate);
  const args = { ...callerArgs(c), id: messageId, content: "edit" in change ? change.edit : DELETED_CONTENT, ...mentionArgs("edit" in change ? change.edit : ""), ...edits.args };
  const allowed =
    "edit" in change
      ? `member_id = (SELECT a.id FROM (${accessOf(k, c)}) a)`
      : `EXISTS (SELECT 1 FROM (${accessOf(k, c)}) a WHERE a.id = ${k.table}.member_id OR a.role IN ('ADMIN', 'MODERATOR'))`;
  const set =
    "edit" in change
      ? `content = :content, updated_at = CASE WHEN content = :content THEN updated_at ELSE ${DB_NOW} END,
         mentions = ${storedMentions(k)}, mention_everyone = ${k.everyone(`(SELECT a.role FROM (${accessOf(k, c)}) a)`)}`
      : `content = :content, file_url = NULL, deleted = 1, updated_at = ${DB_NOW}, mentions = '[]', mention_everyone = 0,
         pinned_at = NULL, embeds = '[]'`;
  // a message deleted by someone other than its author is a moderation act: the audit log hears of it (right after
  // the update, so changes() is the update's)
  const audit =
    "delete" in change
      ? [stmt(auditSql({
          server: k.auditServer, actor: `(SELECT a.profile_id FROM (${accessOf(k, c)}) a)`, action: "message.delete", target: ":id",
          when: `changes() = 1 AND (SELECT member_id FROM ${k.table} WHERE id = :id) != (SELECT a.id FROM (${accessOf(k, c)}) a)`,
        }), { ...args, auditId: newId() })]
      : [];
  const [previous, , update, ...rest] = await db.$client.batch(
    [
      previousVersion(k, args),
      stmt(edits.prune, args),
      stmt(`UPDATE ${k.table} SET ${set} WHERE id = :id AND ${k.roomColumn} = :room AND deleted = 0 AND ${allowed} AND ${edits.room}`, args),
      ...audit,
      stmt(edits.record, args),
      // reactions go with the message (their triggers raise its version once more, in the same transaction)
      stmt(`DELETE FROM ${k.reactions} WHERE message_id = :id AND EXISTS (SELECT 1 FROM ${k.table} WHERE id = :id AND deleted = 1)`, args),
      stmt(accessOf(k, c), args),
      stmt(`${columns(k, meOf(k, c))} WHERE x.id = :id AND x.${k.roomColumn} = :room`, args),
      stmt(edits.state, args),
    ],
    "write",
  );
  const [, , access, found, limited] = rest.slice(audit.length);
  if (update.rowsAffected === 1) return { message: toMessage(k, found.rows[0]), after: Number(previous.rows[0].v) };
  if (!access.rows[0]) return { refused: "no-access" };
  const row = found.rows[0];
  if (!row || Number(row.deleted) === 1) return { refused: "not-found" };
  const oldest = full(limited, rate);
  if (oldest) return { refused: "rate-limited", oldest };
  return { refused: "forbidden" };
}
