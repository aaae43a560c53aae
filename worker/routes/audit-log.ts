// The audit log of a server, ADMIN only: GET /api/servers/:serverId/audit-log, newest first, a page at a time.
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX } from "../../contract";
import type { AuditEntry, Page } from "../../contract";
import { badRequest } from "../errors";
import { query } from "../validate";
import { ADMIN, membership, requireRole } from "../access";
import { auditPage } from "../db/queries/audit";

const NOT_ISSUED = "This cursor was not issued by the server";

/** Mounted inside the servers routes (worker/routes/servers.ts), behind their session check. */
export const auditLog = new Hono<AppEnv>().get("/:serverId/audit-log", query("limit", "cursor"), async (c) => {
  const serverId = c.req.param("serverId");
  requireRole(await membership(c.var.db, serverId, c.var.profile.id), ADMIN, "read the audit log");
  const rawLimit = c.req.query("limit");
  if (rawLimit !== undefined && (!/^\d+$/.test(rawLimit) || Number(rawLimit) < 1)) badRequest("limit must be a whole number of at least 1");
  const limit = Math.min(rawLimit === undefined ? AUDIT_PAGE_DEFAULT : Number(rawLimit), AUDIT_PAGE_MAX);
  const cursor = c.req.query("cursor");
  if (cursor !== undefined && (cursor.length === 0 || cursor.length > 64)) badRequest(NOT_ISSUED);
  const page = await auditPage(c.var.db, serverId, { cursor, limit });
  if ("refused" in page) badRequest(NOT_ISSUED);
  return c.json(page as Page<AuditEntry>, 200);
});
