// Server data the views share: the caller's profile, their servers and one server's channels and members.
import { createQuery } from "@tanstack/solid-query";
import type { Member, ServerView } from "../../../contract/types";
import { getProfile, getServer, listServers } from "../lib/api";
import { queryClient } from "./query-client";

export const keys = {
  profile: ["profile"] as const,
  servers: ["servers"] as const,
  server: (id: string) => ["server", id] as const,
  conversation: (serverId: string, memberId: string) => ["conversation", serverId, memberId] as const,
};

export const createProfileQuery = () => createQuery(() => ({ queryKey: keys.profile, queryFn: getProfile, staleTime: Infinity }));
export const createServersQuery = () => createQuery(() => ({ queryKey: keys.servers, queryFn: listServers }));
export const createServerQuery = (id: () => string) =>
  createQuery(() => ({
    queryKey: keys.server(id()),
    queryFn: () => getServer(id()),
    // the server's room pushes changes (routes/server-layout.tsx); this catches what a dropped socket missed
    refetchInterval: 60_000,
  }));

/** A route answered with a fresh ServerView: put it in the cache and refresh the server list. */
export function storeServerView(view: ServerView) {
  queryClient.setQueryData(keys.server(view.id), view);
  void queryClient.invalidateQueries({ queryKey: keys.servers });
}

export const roleRank = { ADMIN: 2, MODERATOR: 1, GUEST: 0 } as const;
export const canModerate = (m: Member | undefined) => !!m && roleRank[m.role] >= 1;
export const isAdmin = (m: Member | undefined) => m?.role === "ADMIN";
