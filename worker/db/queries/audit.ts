// The audit log: an entry is written by the same batch (one transaction) as the change it records, so neither is
// ever kept without the other; ADMINs read it newest first.
import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import type { AuditAction, AuditEntry } from "../../../contract";
import { newId } from "../../ids";
import { auditLog, profiles } from "../schema";

/** What a change records: in which server, who did it, to what, and why. */
export interface Audit { serverId: string; actorId: string; action: AuditAction; targetId?: string | null; reason?: string | null }

/** The entry's insert, to put in the change's own `db.batch`. */
export const auditInsert = (db: Db, a: Audit) =>
  db.insert(auditLog).values({
    id: newId(), serverId: a.serverId, actorId: a.actorId, action: a.action,
    targetId: a.targetId ?? null, reason: a.reason ?? null, createdAt: new Date().toISOString(),
  });

/**
 * The entry's insert as SQL for a hand-written batch, written only when `when` (SQL) holds: right after the change's
 * statement, `changes() = 1` says it changed something. Every value is SQL (placeholders of the batch's args).
 */
export const auditSql = (sql: { server: string; actor: string; action: AuditAction; target: string; when: string; reason?: string }) =>
  `INSERT INTO audit_log (id, server_id, action, actor_id, target_id, reason, created_at)
   SELECT :auditId, ${sql.server}, '${sql.action}', ${sql.actor}, ${sql.target}, ${sql.reason ?? "NULL"}, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
   WHERE ${sql.when} AND ${sql.server} IS NOT NULL`;

export type AuditPage = { items: AuditEntry[]; nextCursor: string | null } | { refused: "bad-cursor" };

/** Newest first; the cursor is the id of the last entry of the page before. */
export async function auditPage(db: Db, serverId: string, opts: { cursor?: string; limit: number }): Promise<AuditPage> {
  let before: number | undefined;
  if (opts.cursor !== undefined) {
    const [row] = await db.select({ seq: auditLog.seq }).from(auditLog).where(and(eq(auditLog.id, opts.cursor), eq(auditLog.serverId, serverId))).limit(1);
    if (!row) return { refused: "bad-cursor" };
    before = row.seq;
  }
  const rows = await db
    .select({
      id: auditLog.id, action: auditLog.action, targetId: auditLog.targetId, reason: auditLog.reason, createdAt: auditLog.createdAt,
      targetName: sql<string | null>`coalesce(
        (SELECT tp.name FROM members tm JOIN profiles tp ON tp.id = tm.profile_id WHERE tm.id = ${auditLog.targetId}),
        (SELECT tp.name FROM profiles tp WHERE tp.id = ${auditLog.targetId}),
        (SELECT tc.name FROM channels tc WHERE tc.id = ${auditLog.targetId}))`,
      actor: { id: profiles.id, name: profiles.name, imageUrl: profiles.imageUrl },
    })
    .from(auditLog)
    .innerJoin(profiles, eq(profiles.id, auditLog.actorId))
    .where(and(eq(auditLog.serverId, serverId), before !== undefined ? lt(auditLog.seq, before) : undefined))
    .orderBy(desc(auditLog.seq))
    .limit(opts.limit + 1);
  const items = rows.slice(0, opts.limit).map((r) => ({ ...r, action: r.action as AuditAction }));
  return { items, nextCursor: rows.length > opts.limit ? items[items.length - 1].id : null };
}
