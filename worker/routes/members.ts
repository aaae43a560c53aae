// Members: change a role, kick. ADMIN only, never on oneself or on the owner.
import { Hono } from "hono";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { schemas } from "../../contract";
import type { Member } from "../../contract";
import { query, requireParam, validate } from "../validate";
import { fail } from "../errors";
import { ADMIN, membership, requireRole } from "../access";
import { requireSession } from "../auth/middleware";
import { findMember, setRole } from "../db/queries/members";
import { getServer } from "../db/queries/servers";
import { answerServerView, memberLeaves } from "../realtime";

/** The member an ADMIN acts on, after every check the contract asks for. */
async function target(c: Context<AppEnv>, action: string): Promise<{ serverId: string; member: Member }> {
  const serverId = requireParam(c.req.query("serverId"), "serverId");
  const caller = await membership(c.var.db, serverId, c.var.profile.id);
  requireRole(caller, ADMIN, action);
  const member = await findMember(c.var.db, { serverId, memberId: c.req.param("memberId") });
  if (!member) fail(404, "Member not found");
  if (member!.id === caller.id) fail(400, `You cannot ${action} yourself`);
  const server = await getServer(c.var.db, serverId);
  if (member!.profileId === server!.profileId) fail(400, `You cannot ${action} the server's owner`);
  return { serverId, member: member! };
}

export const members = new Hono<AppEnv>()
  .use(requireSession)
  .patch("/:memberId", validate("json", schemas.RoleChange), query("serverId"), async (c) => {
    const { serverId, member } = await target(c, "change the role of");
    await setRole(c.var.db, member.id, c.req.valid("json").role, { serverId, actorId: c.var.profile.id, action: "member.role", targetId: member.id });
    return answerServerView(c, serverId, 200);
  })
  .delete("/:memberId", query("serverId"), async (c) => {
    const { serverId, member } = await target(c, "kick");
    await memberLeaves(c, member, { serverId, actorId: c.var.profile.id, action: "member.kick", targetId: member.id });
    return answerServerView(c, serverId, 200);
  });
