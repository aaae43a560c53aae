// Notification levels (all / mentions / none) per channel, conversation and server, as the caller set them: which
// unread channels are marked, and which new messages make a desktop notification (shown by ./desktop-notify, loaded
// the first time one is due). The browser's permission is asked for only when the person clicks to turn them on.
import { createQuery } from "@tanstack/solid-query";
import type { NotificationLevel, NotificationSetting, ReadState } from "../../../contract/types";
import { getNotificationSettings, putNotificationLevel } from "../lib/api";
import { queryClient } from "./query-client";
import type { Arrival } from "./notify-target";

const settingsKey = ["notification-settings"] as const;

export const createNotificationSettingsQuery = () =>
  createQuery(() => ({ queryKey: settingsKey, queryFn: getNotificationSettings, staleTime: Infinity }));

const own = (roomId: string) => queryClient.getQueryData<NotificationSetting[]>(settingsKey)?.find((s) => s.roomId === roomId)?.level;

/** A room's own level, if it has one (a channel without one takes its server's). */
export const ownLevel = (roomId: string): NotificationLevel | undefined => own(roomId);

/** The level that applies: a channel's own, else its server's, else `mentions`; a conversation's own, else `all`. */
export function levelOf(room: { roomId: string; serverId: string | null }): NotificationLevel {
  if (room.serverId === null) return own(room.roomId) ?? "all";
  return own(room.roomId) ?? own(room.serverId) ?? "mentions";
}

/** A read state whose room is at `none`: no unread mark, and its badge counts only mentions. */
export const isMuted = (s: ReadState) => levelOf({ roomId: s.roomId, serverId: s.peer ? null : s.serverId }) === "none";

/** Sets a level (`null`: a channel back to its server's), at once in the page, then on the server. */
export async function setLevel(roomId: string, level: NotificationLevel) {
  const before = queryClient.getQueryData<NotificationSetting[]>(settingsKey);
  queryClient.setQueryData<NotificationSetting[]>(settingsKey, (l) => [...(l ?? []).filter((s) => s.roomId !== roomId), { roomId, level }]);
  try {
    await putNotificationLevel(roomId, level);
  } catch (e) {
    queryClient.setQueryData(settingsKey, before);
    throw e;
  }
}

/** What the browser allows: "granted", "denied", "default" (not asked yet) or "unsupported". */
export const permission = (): NotificationPermission | "unsupported" => (typeof Notification === "undefined" ? "unsupported" : Notification.permission);

/** Asks the browser, from a click (browsers refuse a request that no gesture made). */
export const askPermission = () => (permission() === "default" ? Notification.requestPermission() : Promise.resolve(permission()));


/**
 * A message by someone else arrived in a room: a desktop notification when the level lets it through and the
 * person is not looking at that room (the tab is hidden, or another room is open).
 */
export function arrived(a: Arrival) {
  if (permission() !== "granted") return;
  const level = levelOf(a);
  // a direct message's frame does not say whom it mentions: the notifier reads the message to know
  const mentionsOnly = level === "mentions" && a.serverId === null;
  if (level === "none" || (level === "mentions" && !a.mentioned && !mentionsOnly)) return;
  if (a.open && document.visibilityState === "visible") return;
  void import("./desktop-notify").then((m) => m.show({ ...a, mentionsOnly })).catch(() => undefined);
}
