// Adding or removing a reaction to a message of a channel or a conversation, idempotently, with its limits inside the write.
import type { Db } from "../client";
import type { Message } from "../../../contract";
import { REACTIONS_PER_MESSAGE_MAX } from "../../../contract";
import { DB_NOW, stmt } from "./sql";
import { full, guard } from "./rates";
import type { Limit } from "../../limits";
import { accessOf, callerArgs, columns, meOf, previousVersion, toMessage, whoOf } from "./messages";
import type { Caller, RoomKind } from "./messages";

export type ReactResult =
  | { message: Message; changed: false }
  | { message: Message; changed: true; after: number; memberId: string; count: number }
  | { refused: "no-access" | "not-found" | "read-only" | "too-many" }
  | { refused: "rate-limited"; oldest: string };

/**
 * Adds (`add`) or removes the caller's reaction with `emoji` to a live message of the room, idempotently: the same
 * reaction twice, or removing one that is not there, changes nothing. A message holds at most
 * REACTIONS_PER_MESSAGE_MAX different emoji, counted inside the write, so two people racing cannot pass it.
 */
export async function react(db: Db, k: RoomKind, c: Caller, messageId: string, emoji: string, add: boolean, rate: Limit): Promise<ReactResult> {
  // reaction changes per member per room (RATE_LIMIT_REACTIONS): only a change counts, inside the write
  const changes = guard("reactions", `'reactions:' || ${whoOf(c)} || ':' || :room`, rate);
  const args = { ...callerArgs(c), id: messageId, emoji, maxEmoji: REACTIONS_PER_MESSAGE_MAX, ...changes.args };
  const live = `EXISTS (SELECT 1 FROM ${k.table} WHERE id = :id AND ${k.roomColumn} = :room AND deleted = 0)`;
  const write = add
    ? `INSERT INTO ${k.reactions} (message_id, emoji, member_id, created_at)
         SELECT :id, :emoji, a.id, ${DB_NOW} FROM (${accessOf(k, c)}) a
         WHERE ${live} AND ${k.open} AND ${changes.room}
           AND (EXISTS (SELECT 1 FROM ${k.reactions} WHERE message_id = :id AND emoji = :emoji)
                OR (SELECT count(DISTINCT emoji) FROM ${k.reactions} WHERE message_id = :id) < :maxEmoji)
         ON CONFLICT (message_id, emoji, member_id) DO NOTHING`
    : `DELETE FROM ${k.reactions} WHERE message_id = :id AND emoji = :emoji AND member_id = (SELECT a.id FROM (${accessOf(k, c)}) a)
         AND ${live} AND ${k.open} AND ${changes.room}`;
  const [previous, , written, , access, found, count, open, limited] = await db.$client.batch(
    [
      previousVersion(k, args),
      stmt(changes.prune, args),
      stmt(write, args),
      stmt(changes.record, args),
      stmt(accessOf(k, c), args),
      stmt(`${columns(k, meOf(k, c))} WHERE x.id = :id AND x.${k.roomColumn} = :room`, args),
      stmt(`SELECT count(*) AS n FROM ${k.reactions} WHERE message_id = :id AND emoji = :emoji`, args),
      stmt(`SELECT ${k.open} AS open`, args),
      stmt(changes.state, args),
    ],
    "write",
  );
  const member = access.rows[0];
  if (!member) return { refused: "no-access" };
  const row = found.rows[0];
  if (!row || Number(row.deleted) === 1) return { refused: "not-found" };
  const message = toMessage(k, row);
  if (written.rowsAffected === 1) return { message, changed: true, after: Number(previous.rows[0].v), memberId: member.id as string, count: Number(count.rows[0].n) };
  if (Number(open.rows[0].open) !== 1) return { refused: "read-only" };
  const oldest = full(limited, rate);
  if (oldest) return { refused: "rate-limited", oldest };
  const mine = message.reactions.some((r) => r.emoji === emoji && r.me);
  if (add && !mine) return { refused: "too-many" };
  return { message, changed: false };
}
