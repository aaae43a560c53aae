// Room event keys: the Socket.io keys of the system we replace. The only place they are spelled out.
export const messagesKey = (roomId: string) => `chat:${roomId}:messages` as const;
export const messagesUpdateKey = (roomId: string) => `chat:${roomId}:messages:update` as const;

/** Party name and the room path a worker POSTs to; the room id is a channel id or a conversation id. */
export const PARTY = "main";
export const roomPath = (roomId: string) => `/parties/${PARTY}/${encodeURIComponent(roomId)}`;

/** A server's shape changed (name, channels, members, roles): data is its ServerView, for live sidebars. */
export const serverKey = (serverId: string) => `chat:${serverId}:server` as const;

/** Who is in the voice and video channels of a server, sent to the room whose id is the server id. */
export const voiceKey = (serverId: string) => `chat:${serverId}:voice` as const;
