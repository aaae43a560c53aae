// Calls to the worker (CONTRACT.md): the session cookie travels with every request; errors become ApiError.
import type {
  AuthResult, Ban, ChannelType, Conversation, InvitePreview, Message, OwnProfile, Page, Role, Server, ServerView, Ticket,
} from "../../../contract/types";
import type { AppConfig, CallToken, VoiceParticipants } from "../../../contract/types";
import { waitText } from "./format";

export class ApiError extends Error {
  /** on a 429: how many seconds to wait before asking again (the body's `retryAfter`, else `Retry-After`) */
  constructor(readonly status: number, message: string, readonly retryAfter?: number) {
    super(message);
  }
}

/** A refusal that means "not now": wait `retryAfter` seconds and ask again. */
export const isRateLimited = (e: unknown): e is ApiError & { retryAfter: number } =>
  e instanceof ApiError && e.status === 429 && typeof e.retryAfter === "number";

/** `PATCH /api/servers/:serverId/invite-code`: 0 for either means "never expires" / "no limit". */
export interface InviteSettings { maxAgeSeconds?: number; maxUses?: number }

const retryAfterOf = (res: Response, data: unknown) => {
  const fromBody = (data as { retryAfter?: unknown }).retryAfter;
  const seconds = typeof fromBody === "number" ? fromBody : Number(res.headers.get("Retry-After"));
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 1;
};

let onUnauthorized: (() => void) | undefined;
/** What to do when the session turns out to be gone (expired, or signed out in another tab). */
export const setUnauthorizedHandler = (handler: (() => void) | undefined) => (onUnauthorized = handler);

export async function api<T>(path: string, init: { method?: string; body?: unknown; form?: FormData } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method: init.method ?? "GET",
      headers: init.body === undefined ? undefined : { "Content-Type": "application/json" },
      body: init.form ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "Cannot reach the server; check your connection");
  }
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => ({ error: res.statusText || `HTTP ${res.status}` }));
  if (res.status === 401 && !path.startsWith("/auth/")) onUnauthorized?.();
  if (!res.ok) {
    const message = (data as { error?: string }).error ?? res.statusText;
    throw new ApiError(res.status, message, res.status === 429 ? retryAfterOf(res, data) : undefined);
  }
  return data as T;
}

const q = (params: Record<string, string | number | undefined | null>) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") search.set(k, String(v));
  return search.toString();
};

// auth
export const signUp = (body: { email: string; password: string; name: string }) =>
  api<AuthResult>("/auth/sign-up", { method: "POST", body });
export const signIn = (body: { email: string; password: string }) => api<AuthResult>("/auth/sign-in", { method: "POST", body });
export const signOut = () => api<void>("/auth/sign-out", { method: "POST" });
export const getProfile = () => api<OwnProfile>("/profile");

// servers, members, channels, conversations
export const listServers = () => api<Server[]>("/servers");
export const getServer = (id: string) => api<ServerView>(`/servers/${encodeURIComponent(id)}`);
export const createServer = (body: { name: string; imageUrl?: string | null }) => api<ServerView>("/servers", { method: "POST", body });
export const updateServer = (id: string, body: { name?: string; imageUrl?: string | null }) =>
  api<Server>(`/servers/${encodeURIComponent(id)}`, { method: "PATCH", body });
export const deleteServer = (id: string) => api<Server>(`/servers/${encodeURIComponent(id)}`, { method: "DELETE" });
export const newInviteCode = (id: string, body: InviteSettings = {}) =>
  api<Server>(`/servers/${encodeURIComponent(id)}/invite-code`, { method: "PATCH", body });
export const leaveServer = (id: string) => api<Server>(`/servers/${encodeURIComponent(id)}/leave`, { method: "PATCH" });
export const joinByInvite = (code: string) => api<ServerView>(`/invite/${encodeURIComponent(code)}`, { method: "POST" });
export const previewInvite = (code: string) => api<InvitePreview>(`/invite/${encodeURIComponent(code)}`);

const bansPath = (serverId: string) => `/servers/${encodeURIComponent(serverId)}/bans`;
export const listBans = (serverId: string) => api<Ban[]>(bansPath(serverId));
export const banProfile = (serverId: string, profileId: string, reason?: string) =>
  api<Ban>(`${bansPath(serverId)}/${encodeURIComponent(profileId)}`, { method: "PUT", body: reason ? { reason } : {} });
export const unbanProfile = (serverId: string, profileId: string) =>
  api<void>(`${bansPath(serverId)}/${encodeURIComponent(profileId)}`, { method: "DELETE" });

export const changeRole = (serverId: string, memberId: string, role: Role) =>
  api<ServerView>(`/members/${encodeURIComponent(memberId)}?${q({ serverId })}`, { method: "PATCH", body: { role } });
export const kickMember = (serverId: string, memberId: string) =>
  api<ServerView>(`/members/${encodeURIComponent(memberId)}?${q({ serverId })}`, { method: "DELETE" });

export const createChannel = (serverId: string, body: { name: string; type: ChannelType }) =>
  api<ServerView>(`/channels?${q({ serverId })}`, { method: "POST", body });
export const updateChannel = (serverId: string, channelId: string, body: { name?: string; type?: ChannelType }) =>
  api<ServerView>(`/channels/${encodeURIComponent(channelId)}?${q({ serverId })}`, { method: "PATCH", body });
export const deleteChannel = (serverId: string, channelId: string) =>
  api<ServerView>(`/channels/${encodeURIComponent(channelId)}?${q({ serverId })}`, { method: "DELETE" });

export const openConversation = (serverId: string, memberId: string) =>
  api<Conversation>("/conversations", { method: "POST", body: { serverId, memberId } });

// messages: one chat is a channel of a server or a direct conversation; both have the same four calls
export type ChatTarget =
  | { kind: "channel"; roomId: string; serverId: string }
  | { kind: "conversation"; roomId: string; serverId: string };

const listPath = (t: ChatTarget) => (t.kind === "channel" ? "/messages" : "/direct-messages");
const listParam = (t: ChatTarget) => (t.kind === "channel" ? { channelId: t.roomId } : { conversationId: t.roomId });
const writePath = (t: ChatTarget) => (t.kind === "channel" ? "/socket/messages" : "/socket/direct-messages");
const writeParams = (t: ChatTarget) =>
  t.kind === "channel" ? { serverId: t.serverId, channelId: t.roomId } : { conversationId: t.roomId };

export const listMessages = (t: ChatTarget, cursor: string | null, limit: number) =>
  api<Page<Message>>(`${listPath(t)}?${q({ ...listParam(t), cursor, limit })}`);
export const messagesAfter = (t: ChatTarget, after: number) =>
  api<Page<Message>>(`${listPath(t)}?${q({ ...listParam(t), after, limit: 100 })}`);
export const postMessage = (t: ChatTarget, body: { content: string; fileUrl?: string | null; nonce: string }) =>
  api<Message>(`${writePath(t)}?${q(writeParams(t))}`, { method: "POST", body });
export const editMessage = (t: ChatTarget, id: string, content: string) =>
  api<Message>(`${writePath(t)}/${encodeURIComponent(id)}?${q(writeParams(t))}`, { method: "PATCH", body: { content } });
export const removeMessage = (t: ChatTarget, id: string) =>
  api<Message>(`${writePath(t)}/${encodeURIComponent(id)}?${q(writeParams(t))}`, { method: "DELETE" });

export const getTicket = (room: string) => api<Ticket>(`/realtime/ticket?${q({ room })}`);
export const upload = (file: File) => {
  const form = new FormData();
  form.set("file", file);
  return api<{ url: string; name: string; type: string; size: number }>("/uploads", { method: "POST", form }).catch((e) => {
    // every place that uploads says the same: when the next upload can work
    if (isRateLimited(e)) throw new ApiError(429, `Too many uploads. Try again in ${waitText(e.retryAfter)}.`, e.retryAfter);
    throw e;
  });
};

// calls (LiveKit); the config does not change while the page lives, so it is asked for once
let config: Promise<AppConfig> | undefined;
export const getConfig = () => (config ??= api<AppConfig>("/config").catch((e) => ((config = undefined), Promise.reject(e))));
export const getCallToken = (room: string, username: string) => api<CallToken>(`/livekit?${q({ room, username })}`);
export const getVoiceParticipants = (serverId: string) => api<VoiceParticipants>(`/livekit/participants?${q({ serverId })}`);
