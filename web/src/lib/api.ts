// Calls to the worker through Hono's typed client (hc<AppType>): a route's path, params, validated body and answer
// are checked against the worker's own routes, so a change there is a type error here. The session cookie travels
// with every request; every refusal becomes an ApiError.
import { hc, type ClientResponse } from "hono/client";
import type { StatusCode, SuccessStatusCode } from "hono/utils/http-status";
import type { AppType } from "../../../worker/app";
import type {
  AppConfig, AuditEntry, AuthResult, Ban, CallToken, Conversation, InvitePreview, Message, OwnProfile, Page, Role, Server, ServerView,
  HistoryPage, NotificationLevel, NotificationSetting, ReadState, SearchPage, Ticket, UploadResult, VoiceParticipants,
} from "../../../contract/types";
import type {
  ChannelPatch, InviteOptions, MessageEdit, NewChannel, NewMessage, NewServer, ServerPatch, SignIn, SignUp,
} from "../../../contract/schemas";
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

const retryAfterOf = (res: ClientResponse<unknown>, data: unknown) => {
  const fromBody = (data as { retryAfter?: unknown }).retryAfter;
  const seconds = typeof fromBody === "number" ? fromBody : Number(res.headers.get("Retry-After"));
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 1;
};

let onUnauthorized: (() => void) | undefined;
/** What to do when the session turns out to be gone (expired, or signed out in another tab). */
export const setUnauthorizedHandler = (handler: (() => void) | undefined) => (onUnauthorized = handler);

const send: typeof fetch = (input, init) =>
  fetch(input, init).catch(() => Promise.reject(new ApiError(0, "Cannot reach the server; check your connection")));

// same-origin: the worker serves this page, and its session cookie goes with every call
export const client = hc<AppType>("/", { fetch: send, init: { credentials: "same-origin" } }).api;

/** What a call answers when it succeeds: the route's JSON, nothing for a 204. */
type Answer<R> = R extends ClientResponse<infer T, infer S, infer F>
  ? S extends SuccessStatusCode ? (F extends "json" ? T : S extends 204 ? void : unknown) : never
  : never;

export async function read<R extends ClientResponse<unknown, StatusCode, string>>(call: Promise<R>): Promise<Answer<R>> {
  const res = await call;
  if (res.status === 204) return undefined as Answer<R>;
  const data: unknown = await res.json().catch(() => ({ error: res.statusText || `HTTP ${res.status}` }));
  // a wrong password on the sign-in page is no lost session
  if (res.status === 401 && !new URL(res.url, location.href).pathname.startsWith("/api/auth/")) onUnauthorized?.();
  if (!res.ok) {
    const message = (data as { error?: string }).error ?? res.statusText;
    throw new ApiError(res.status, message, res.status === 429 ? retryAfterOf(res, data) : undefined);
  }
  return data as Answer<R>;
}

/** Path params, escaped: hc puts them into the path as they are. */
export const at = <K extends string>(params: Record<K, string>) =>
  Object.fromEntries(Object.entries(params).map(([k, v]) => [k, encodeURIComponent(v as string)])) as Record<K, string>;

/** An optional query value: hc leaves out an undefined one, as the worker's "not given". */
const opt = (value: string | null | undefined) => value ?? undefined;

// auth
export const signUp = (json: SignUp): Promise<AuthResult> => read(client.auth["sign-up"].$post({ json }));
export const signIn = (json: SignIn): Promise<AuthResult> => read(client.auth["sign-in"].$post({ json }));
export const signOut = (): Promise<void> => read(client.auth["sign-out"].$post());
export const getProfile = (): Promise<OwnProfile> => read(client.profile.$get());

// servers, members, channels, conversations
const server = client.servers[":serverId"];
export const listServers = (): Promise<Server[]> => read(client.servers.$get());
export const getServer = (id: string): Promise<ServerView> => read(server.$get({ param: at({ serverId: id }) }));
export const createServer = (json: NewServer): Promise<ServerView> => read(client.servers.$post({ json }));
export const updateServer = (id: string, json: ServerPatch): Promise<Server> => read(server.$patch({ param: at({ serverId: id }), json }));
export const deleteServer = (id: string): Promise<Server> => read(server.$delete({ param: at({ serverId: id }) }));
/** 0 for either means "never expires" / "no limit". */
export const newInviteCode = (id: string, json: InviteOptions): Promise<Server> =>
  // the worker reads this optional body itself (optionalBody), so it goes as the request's own body
  read(server["invite-code"].$patch({ param: at({ serverId: id }) }, { headers: { "Content-Type": "application/json" }, init: { body: JSON.stringify(json) } }));
export const leaveServer = (id: string): Promise<Server> => read(server.leave.$patch({ param: at({ serverId: id }) }));
export const joinByInvite = (code: string): Promise<ServerView> => read(client.invite[":inviteCode"].$post({ param: at({ inviteCode: code }) }));
export const previewInvite = (code: string): Promise<InvitePreview> => read(client.invite[":inviteCode"].$get({ param: at({ inviteCode: code }) }));

const ban = server.bans[":profileId"];
export const listBans = (serverId: string): Promise<Ban[]> => read(server.bans.$get({ param: at({ serverId }) }));
export const banProfile = (serverId: string, profileId: string, reason?: string): Promise<Ban> =>
  read(ban.$put({ param: at({ serverId, profileId }), json: reason ? { reason } : {} }));
export const unbanProfile = (serverId: string, profileId: string): Promise<void> => read(ban.$delete({ param: at({ serverId, profileId }) }));

export const listAuditLog = (serverId: string, cursor: string | null): Promise<Page<AuditEntry>> =>
  read(server["audit-log"].$get({ param: at({ serverId }), query: { cursor: opt(cursor), limit: "50" } }));

const member = client.members[":memberId"];
export const changeRole = (serverId: string, memberId: string, role: Role): Promise<ServerView> =>
  read(member.$patch({ param: at({ memberId }), json: { role }, query: { serverId } }));
export const kickMember = (serverId: string, memberId: string): Promise<ServerView> =>
  read(member.$delete({ param: at({ memberId }), query: { serverId } }));

const channel = client.channels[":channelId"];
export const createChannel = (serverId: string, json: NewChannel): Promise<ServerView> =>
  read(client.channels.$post({ json, query: { serverId } }));
export const updateChannel = (serverId: string, channelId: string, json: ChannelPatch): Promise<ServerView> =>
  read(channel.$patch({ param: at({ channelId }), json, query: { serverId } }));
export const deleteChannel = (serverId: string, channelId: string): Promise<ServerView> =>
  read(channel.$delete({ param: at({ channelId }), query: { serverId } }));

export const openConversation = (serverId: string, memberId: string): Promise<Conversation> =>
  read(client.conversations.$post({ json: { serverId, memberId } }));

// messages: one chat is a channel of a server or a direct conversation; both have the same four calls
export type ChatTarget =
  | { kind: "channel"; roomId: string; serverId: string }
  | { kind: "conversation"; roomId: string; serverId: string };

const reads = (t: ChatTarget) => (t.kind === "channel" ? client.messages : client["direct-messages"]);
const readParams = (t: ChatTarget) => (t.kind === "channel" ? { channelId: t.roomId } : { conversationId: t.roomId });
const writes = (t: ChatTarget) => (t.kind === "channel" ? client.socket.messages : client.socket["direct-messages"]);
const writeParams = (t: ChatTarget) =>
  t.kind === "channel" ? { serverId: t.serverId, channelId: t.roomId } : { conversationId: t.roomId };

/** The route answers a plain page, or with `around`/`since` a page that also goes to newer messages. */
const history = (p: Page<Message> | HistoryPage): HistoryPage => ({ ...p, newerCursor: "newerCursor" in p ? p.newerCursor : null });
export const listMessages = (t: ChatTarget, cursor: string | null, limit: number) =>
  read(reads(t).$get({ query: { ...readParams(t), cursor: opt(cursor), limit: String(limit) } }));
/** A page around a message (to jump to it), and the newer pages after such a page: newest first, both ways. */
export const listAround = (t: ChatTarget, around: string, limit: number) =>
  read(reads(t).$get({ query: { ...readParams(t), around, limit: String(limit) } })).then(history);
export const listSince = (t: ChatTarget, since: string, limit: number) =>
  read(reads(t).$get({ query: { ...readParams(t), since, limit: String(limit) } })).then(history);
export const messagesAfter = (t: ChatTarget, after: number) =>
  read(reads(t).$get({ query: { ...readParams(t), after: String(after), limit: "100" } }));
export const postMessage = (t: ChatTarget, json: NewMessage): Promise<Message> =>
  read(writes(t).$post({ json, query: writeParams(t) }));
export const editMessage = (t: ChatTarget, id: string, content: MessageEdit["content"]): Promise<Message> =>
  read(writes(t)[":messageId"].$patch({ param: at({ messageId: id }), json: { content }, query: writeParams(t) }));
export const removeMessage = (t: ChatTarget, id: string): Promise<Message> =>
  read(writes(t)[":messageId"].$delete({ param: at({ messageId: id }), query: writeParams(t) }));
/** Adds (PUT) or takes back (DELETE) the caller's reaction; answers the message with `reactions` as the caller sees them. */
export function setReaction(t: ChatTarget, id: string, emoji: string, on: boolean): Promise<Message> {
  const route = writes(t)[":messageId"].reactions[":emoji"];
  const args = { param: at({ messageId: id, emoji }), query: writeParams(t) };
  return read(on ? route.$put(args) : route.$delete(args));
}

/** Pins (PUT) or unpins (DELETE) a message; answers it with `pinned`. */
export function setPin(t: ChatTarget, id: string, on: boolean): Promise<Message> {
  const route = writes(t)[":messageId"].pin;
  const args = { param: at({ messageId: id }), query: writeParams(t) };
  return read(on ? route.$put(args) : route.$delete(args));
}
export const listPins = (t: ChatTarget): Promise<Message[]> => read(client.pins.$get({ query: readParams(t) }));

export const getTicket = (room: string): Promise<Ticket> => read(client.realtime.ticket.$get({ query: { room } }));

/** The upload route reads its multipart body itself, after its rate limit (no validator), so the body goes as is. */
const formOf = (file: File) => {
  const form = new FormData();
  form.append("file", file);
  return form;
};
export const upload = (file: File): Promise<UploadResult> =>
  read(client.uploads.$post(undefined, { init: { body: formOf(file) } })).catch((e) => {
    // every place that uploads says the same: when the next upload can work
    if (isRateLimited(e)) throw new ApiError(429, `Too many uploads. Try again in ${waitText(e.retryAfter)}.`, e.retryAfter);
    throw e;
  });

// calls (LiveKit); the config does not change while the page lives, so it is asked for once
let config: Promise<AppConfig> | undefined;
export const getConfig = () =>
  (config ??= read(client.config.$get()).catch((e) => ((config = undefined), Promise.reject(e))));
export const getCallToken = (room: string, username: string): Promise<CallToken> =>
  read(client.livekit.$get({ query: { room, username } }));
export const getVoiceParticipants = (serverId: string): Promise<VoiceParticipants> =>
  read(client.livekit.participants.$get({ query: { serverId } }));

// notification levels
export const getNotificationSettings = (): Promise<NotificationSetting[]> => read(client["notification-settings"].$get());
export const putNotificationLevel = (roomId: string, level: NotificationLevel): Promise<NotificationSetting> =>
  read(client["notification-settings"][":roomId"].$put({ param: at({ roomId }), json: { level } }));

// read states and presence
export const getReadStates = (): Promise<ReadState[]> => read(client["read-states"].$get());
export const markRoomRead = (roomId: string, messageId: string): Promise<ReadState> =>
  read(client["read-states"][":roomId"].$put({ param: at({ roomId }), json: { messageId } }));

// message search
export type SearchScope = { serverId: string; conversationId?: undefined } | { conversationId: string; serverId?: undefined };
export const searchMessages = (
  scope: SearchScope, params: { q: string; channelId?: string; memberId?: string; hasFile?: boolean }, cursor: string | null,
): Promise<SearchPage> =>
  read(client.search.$get({
    query: {
      ...(scope.serverId ? { serverId: scope.serverId } : { conversationId: scope.conversationId! }),
      q: params.q,
      ...(params.channelId && { channelId: params.channelId }),
      ...(params.memberId && { memberId: params.memberId }),
      ...(params.hasFile && { has: "file" as const }),
      ...(cursor && { cursor }),
    },
  }));
