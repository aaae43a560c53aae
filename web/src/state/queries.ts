// Server data the views share — the caller's profile, their servers, one server's channels, members and bans —
// and every write of it into the cache, so views call these instead of touching the query client.
import { createQuery } from "@tanstack/solid-query";
import type { Ban, Member, Server, ServerView } from "../../../contract/types";
import { getProfile, getServer, listBans, listServers } from "../lib/api";
import { queryClient } from "./query-client";

export const keys = {
  profile: ["profile"] as const,
  servers: ["servers"] as const,
  server: (id: string) => ["server", id] as const,
  bans: (serverId: string) => ["bans", serverId] as const,
  conversation: (serverId: string, memberId: string) => ["conversation", serverId, memberId] as const,
};

/** For a page loaded on demand: through this module, so the bundler keeps the query library in the first page's chunk. */
export { createQuery };
export const createProfileQuery = () => createQuery(() => ({ queryKey: keys.profile, queryFn: getProfile, staleTime: Infinity }));
export const createServersQuery = () => createQuery(() => ({ queryKey: keys.servers, queryFn: listServers }));
export const createServerQuery = (id: () => string) =>
  createQuery(() => ({
    queryKey: keys.server(id()),
    queryFn: () => getServer(id()),
    // the server's room pushes changes (state/server-view.ts); this catches what a dropped socket missed
    refetchInterval: 60_000,
  }));
export const createBansQuery = (serverId: () => string) =>
  createQuery(() => ({ queryKey: keys.bans(serverId()), queryFn: () => listBans(serverId()) }));

const refreshServerList = () => queryClient.invalidateQueries({ queryKey: keys.servers });

/** A route answered with a fresh ServerView: put it in the cache and refresh the server list. */
export function storeServerView(view: ServerView) {
  queryClient.setQueryData(keys.server(view.id), view);
  void refreshServerList();
}

/** A route answered with the server alone (a new invite code): it replaces those fields of the cached view. */
export function mergeServer(server: Server) {
  queryClient.setQueryData<ServerView>(keys.server(server.id), (old) => (old ? { ...old, ...server } : old));
}

/** The same for a rename or a new image, which the server list shows too. */
export function storeServer(server: Server) {
  mergeServer(server);
  void refreshServerList();
}

/** Asks for the server again: its room said it changed, or its socket missed frames while down. */
export const refreshServer = (serverId: string) => queryClient.invalidateQueries({ queryKey: keys.server(serverId) });

/** The caller is no longer in the server (left, or deleted it): forget it and refresh the list. */
export function forgetServer(serverId: string) {
  queryClient.removeQueries({ queryKey: keys.server(serverId) });
  return refreshServerList();
}

/** The caller was removed by someone else: asking again answers that the server is gone. */
export function lostServer(serverId: string) {
  void refreshServer(serverId);
  void refreshServerList();
}

/** A member was banned: the server's room pushes the new members too; this makes both lists right at once. */
export const banned = (serverId: string) => Promise.all([refreshServer(serverId), queryClient.invalidateQueries({ queryKey: keys.bans(serverId) })]);

export const unbanned = (serverId: string, profileId: string) =>
  queryClient.setQueryData<Ban[]>(keys.bans(serverId), (list) => list?.filter((b) => b.profile.id !== profileId));

/** A member's picture from the server already in the cache, for places (a call's tiles) that know only a profile id. */
export const cachedMemberImage = (serverId: string, profileId: string) =>
  queryClient.getQueryData<ServerView>(keys.server(serverId))?.members.find((m) => m.profileId === profileId)?.profile.imageUrl;

const roleRank = { ADMIN: 2, MODERATOR: 1, GUEST: 0 } as const;
export const canModerate = (m: Member | undefined) => !!m && roleRank[m.role] >= 1;
export const isAdmin = (m: Member | undefined) => m?.role === "ADMIN";
