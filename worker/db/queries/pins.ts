// Pins: a channel's ADMINs and MODERATORs, or either member of a conversation, pin and unpin its live messages, at
// most PINS_MAX at a time (counted inside the write, so two people pinning at once cannot pass it).
import type { Db } from "../client";
import type { Message } from "../../../contract";
import { PINS_MAX } from "../../../contract";
import { newId } from "../../ids";
import { auditSql } from "./audit";
import { accessOf, callerArgs, columns, meOf, previousVersion, toMessage } from "./messages";
import type { Caller, RoomKind } from "./messages";
import { DB_NOW, stmt } from "./sql";

export type PinResult =
  | { message: Message; changed: false }
  | { message: Message; changed: true; after: number }
  | { refused: "no-access" | "not-found" | "forbidden" | "read-only" | "too-many" };

/** Pins (`on`) or unpins a live message; pinning a pinned one, or unpinning one that is not, changes nothing. */
export async function setPinned(db: Db, k: RoomKind, c: Caller, messageId: string, on: boolean): Promise<PinResult> {
  const args = { ...callerArgs(c), id: messageId, max: PINS_MAX, auditId: newId() };
  // in a channel only its staff pins; in a conversation either of the two
  const allowed = `EXISTS (SELECT 1 FROM (${accessOf(k, c)}) a WHERE ${k.roomField === "channelId" ? "a.role IN ('ADMIN', 'MODERATOR')" : "1"})`;
  const change = on
    ? `UPDATE ${k.table} SET pinned_at = ${DB_NOW}
       WHERE id = :id AND ${k.roomColumn} = :room AND deleted = 0 AND pinned_at IS NULL AND ${allowed} AND ${k.open}
         AND (SELECT count(*) FROM ${k.table} WHERE ${k.roomColumn} = :room AND pinned_at IS NOT NULL) < :max`
    : `UPDATE ${k.table} SET pinned_at = NULL
       WHERE id = :id AND ${k.roomColumn} = :room AND deleted = 0 AND pinned_at IS NOT NULL AND ${allowed} AND ${k.open}`;
  const audit = [stmt(auditSql({ server: k.auditServer, actor: `(SELECT a.profile_id FROM (${accessOf(k, c)}) a)`, action: on ? "message.pin" : "message.unpin", target: ":id", when: "changes() = 1" }), args)];
  const [previous, written, ...rest] = await db.$client.batch(
    [
      previousVersion(k, args),
      stmt(change, args),
      ...audit,
      stmt(accessOf(k, c), args),
      stmt(`${columns(k, meOf(k, c))} WHERE x.id = :id AND x.${k.roomColumn} = :room`, args),
      stmt(`SELECT ${allowed} AS allowed, ${k.open} AS open`, args),
    ],
    "write",
  );
  const [access, found, state] = rest.slice(audit.length);
  if (!access.rows[0]) return { refused: "no-access" };
  const row = found.rows[0];
  if (!row || Number(row.deleted) === 1) return { refused: "not-found" };
  const message = toMessage(k, row);
  if (written.rowsAffected === 1) return { message, changed: true, after: Number(previous.rows[0].v) };
  if (Number(state.rows[0].allowed) !== 1) return { refused: "forbidden" };
  if (Number(state.rows[0].open) !== 1) return { refused: "read-only" };
  if (on && !message.pinned) return { refused: "too-many" };
  return { message, changed: false };
}

/** The room's pinned messages, latest pinned first; undefined when the caller may not read the room. */
export async function pinsOf(db: Db, k: RoomKind, c: Caller): Promise<Message[] | undefined> {
  const args = callerArgs(c);
  const [access, rows] = await db.$client.batch(
    [
      stmt(accessOf(k, c), args),
      stmt(`${columns(k, meOf(k, c))} WHERE x.${k.roomColumn} = :room AND x.pinned_at IS NOT NULL ORDER BY x.pinned_at DESC, x.seq DESC`, args),
    ],
    "read",
  );
  if (!access.rows[0]) return undefined;
  return rows.rows.map((r) => toMessage(k, r));
}
