// What a desktop notification is about, and how a click on one opens its room: shared by the module that decides
// (notifications.ts) and the one that shows it (desktop-notify.ts), which loads later and must not import the first.

export interface Arrival {
  roomId: string;
  /** the channel's server; null for a conversation */
  serverId: string | null;
  messageId: string;
  mentioned: boolean;
  /** the room is the one on screen */
  open: boolean;
  /** for a conversation: its server and the other member, whose page opens it */
  peer?: { serverId: string; memberId: string };
}

/** The router's navigate, set by the signed-in layout. */
export const notifyNavigator: { navigate?: (path: string) => void } = {};
