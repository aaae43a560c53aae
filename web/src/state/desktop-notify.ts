// A desktop notification for a message (the browser's Notification API): who wrote what, and where; a click
// brings the tab forward on that room. Loaded the first time one is due (state/notifications.ts decides when).
import type { Message, ServerView } from "../../../contract/types";
import { listAround } from "../lib/api";
import { notifyNavigator as go } from "./notify-target";
import type { Arrival } from "./notify-target";
import { keys } from "./queries";
import { queryClient } from "./query-client";

const BODY_MAX = 180;

export async function show(a: Arrival & { mentionsOnly?: boolean }) {
  const target = a.serverId !== null ? ({ kind: "channel", roomId: a.roomId, serverId: a.serverId } as const) : ({ kind: "conversation", roomId: a.roomId, serverId: "" } as const);
  const page = await listAround(target, a.messageId, 1);
  const m: Message | undefined = page.items.find((x) => x.id === a.messageId);
  if (!m || m.deleted) return;
  const peer = a.peer;
  const serverId = a.serverId ?? peer?.serverId;
  const view = serverId ? queryClient.getQueryData<ServerView>(keys.server(serverId)) : undefined;
  // a conversation at "mentions" notifies only when this message names the caller
  if (a.mentionsOnly) {
    const me = view?.members.find((x) => x.id !== m.memberId && (m.mentions.includes(x.id) || m.mentionEveryone));
    if (!me) return;
  }
  const names = new Map(view?.members.map((x) => [x.id, x.profile.name]) ?? []);
  const text = m.content.replace(/<@([0-9A-Za-z_-]{1,64})>/g, (_, id: string) => `@${names.get(id) ?? "someone"}`).trim();
  const body = text ? ([...text].length > BODY_MAX ? `${[...text].slice(0, BODY_MAX).join("")}…` : text) : m.fileUrl ? "sent a file" : "";
  const channel = a.serverId ? view?.channels.find((c) => c.id === a.roomId) : undefined;
  const title = channel ? `${m.member.profile.name} (#${channel.name}, ${view!.name})` : m.member.profile.name;
  const path = a.serverId ? `/servers/${a.serverId}/channels/${a.roomId}` : peer ? `/servers/${peer.serverId}/conversations/${peer.memberId}` : undefined;
  const shown = new Notification(title, { body, tag: m.id, icon: m.member.profile.imageUrl ?? undefined });
  shown.onclick = () => {
    window.focus();
    if (path) go.navigate?.(path);
    shown.close();
  };
}
