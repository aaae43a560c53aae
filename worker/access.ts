// Permission checks shared by the routes: 404 when the caller may not see a server, 403 when they may not act.
import type { Db } from "./db/client";
import type { Member, Role } from "../contract";
import { findMember } from "./db/queries/members";
import { fail } from "./errors";

/** The caller's membership, or 404: a server one is not in looks exactly like one that does not exist. */
export async function membership(db: Db, serverId: string, profileId: string): Promise<Member> {
  const member = await findMember(db, { serverId, profileId });
  if (!member) fail(404, "Server not found");
  return member!;
}

export function requireRole(member: Member, roles: readonly Role[], action: string): void {
  if (!roles.includes(member.role)) fail(403, `Only ${roles.join(" or ")} members may ${action}`);
}

export const STAFF: readonly Role[] = ["ADMIN", "MODERATOR"];
export const ADMIN: readonly Role[] = ["ADMIN"];
