// valibot schemas for every input the worker takes. A schema and its type share one name.
import * as v from "valibot";
import * as L from "./limits";

/** Lengths count characters (code points), as the contract does for content: an emoji is one, not two. */
export const codePoints = (s: string) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};
const chars = (min: number, max: number, what: string) =>
  v.check<string, v.ErrorMessage<v.CheckIssue<string>>>(
    (s) => {
      const n = codePoints(s);
      return n >= min && n <= max;
    },
    (issue) =>
      codePoints(issue.input) < min
        ? `${what} must be at least ${min} character${min === 1 ? "" : "s"}`
        : `${what} must be at most ${max} characters`,
  );

const trimmed = (min: number, max: number, what: string) => v.pipe(v.string(`${what} must be a string`), v.trim(), chars(min, max, what));

/**
 * Characters that show nothing by themselves: controls, format characters (zero-width spaces and joiners, bidi
 * marks and overrides), separators, variation selectors, combining grapheme joiner and the Hangul fillers. A name
 * made only of these looks empty (or like someone else's) and is refused; inside a real name they may stay.
 */
export const INVISIBLE = /[\p{Cc}\p{Cf}\p{Z}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u3164\uFE00-\uFE0F\uFFA0\u{E0100}-\u{E01EF}]/gu;
export const visibleText = (s: string) => s.replace(INVISIBLE, "");
/** A display name: 1 to max characters after trimming, and something a person can see. */
const name = (max: number, what: string) =>
  v.pipe(trimmed(1, max, what), v.check((s) => visibleText(s).length > 0, `${what} must contain visible characters, not only spaces or invisible ones`));

export const Email = v.pipe(
  v.string("email must be a string"),
  v.trim(),
  v.toLowerCase(),
  v.maxLength(254, "email is too long"),
  v.email("email must look like an e-mail address"),
);
export const Password = v.pipe(v.string("password must be a string"), chars(L.PASSWORD_MIN, L.PASSWORD_MAX, "password"));
export const ProfileName = name(L.PROFILE_NAME_MAX, "name");

export const SignUp = v.object({ email: Email, password: Password, name: ProfileName });
export type SignUp = v.InferOutput<typeof SignUp>;
/** No rules beyond "a string": whatever is wrong with an e-mail or a password, sign-in answers the same 401. */
export const SignIn = v.object({
  email: v.pipe(v.string("email must be a string"), v.trim(), v.toLowerCase()),
  password: v.string("password must be a string"),
});
export type SignIn = v.InferOutput<typeof SignIn>;
/** `PATCH /api/profile/password`: the current password as sign-in takes it (any string), the new one as sign-up does. */
export const PasswordChange = v.object({
  currentPassword: v.string("currentPassword must be a string"),
  newPassword: v.pipe(v.string("newPassword must be a string"), chars(L.PASSWORD_MIN, L.PASSWORD_MAX, "newPassword")),
});
export type PasswordChange = v.InferOutput<typeof PasswordChange>;
/**
 * The browser's answer to a passkey ceremony (`@simplewebauthn/browser`'s JSON), with the challenge it answers.
 * Its inside is checked by the WebAuthn library; here only that it is an object of a sane size.
 */
export const PasskeyAnswer = v.object({
  challengeId: v.pipe(v.string("challengeId must be a string"), v.minLength(1), v.maxLength(64)),
  response: v.looseObject({ id: v.pipe(v.string("response.id must be a string"), v.minLength(1), v.maxLength(1024)), type: v.literal("public-key", "response.type must be public-key") }),
  name: v.optional(v.pipe(v.string("name must be a string"), v.trim(), v.minLength(1, "name must not be empty"), v.maxLength(64, "name must be at most 64 characters"))),
});
export type PasskeyAnswer = v.InferOutput<typeof PasskeyAnswer>;

/**
 * An image is a file uploaded to this product, never an outside address (which would load from a third party in
 * every member's sidebar); the worker also checks that the caller uploaded it.
 */
export const ImageUrl = v.nullable(
  v.pipe(
    v.string("imageUrl must be a string"),
    v.trim(),
    v.maxLength(2048, "imageUrl is too long"),
    v.regex(/^\/api\/files\/[A-Za-z0-9._-]+$/, "imageUrl must be a url POST /api/uploads returned to you"),
  ),
);

export const ServerName = name(L.SERVER_NAME_MAX, "name");
export const NewServer = v.object({ name: ServerName, imageUrl: v.optional(ImageUrl) });
export type NewServer = v.InferOutput<typeof NewServer>;
export const ServerPatch = v.pipe(
  v.object({ name: v.optional(ServerName), imageUrl: v.optional(ImageUrl) }),
  v.check((p) => p.name !== undefined || p.imageUrl !== undefined, "give a name or an imageUrl to change"),
);
export type ServerPatch = v.InferOutput<typeof ServerPatch>;

export const RoleName = v.picklist(["ADMIN", "MODERATOR", "GUEST"], "role must be ADMIN, MODERATOR or GUEST");
export const RoleChange = v.object({ role: RoleName });
export type RoleChange = v.InferOutput<typeof RoleChange>;

export const ChannelTypeName = v.picklist(["TEXT", "AUDIO", "VIDEO"], "type must be TEXT, AUDIO or VIDEO");
/** Look-alikes of `general` are refused by the worker, which folds names (worker/names.ts). */
export const ChannelName = name(L.CHANNEL_NAME_MAX, "name");
export const NewChannel = v.object({ name: ChannelName, type: ChannelTypeName });
export type NewChannel = v.InferOutput<typeof NewChannel>;
export const ChannelPatch = v.pipe(
  v.object({
    name: v.optional(ChannelName),
    type: v.optional(ChannelTypeName),
    slowmodeSeconds: v.optional(
      v.pipe(
        v.number("slowmodeSeconds must be a number"),
        v.integer("slowmodeSeconds must be a whole number of seconds"),
        v.minValue(0, "slowmodeSeconds must be at least 0"),
        v.maxValue(L.SLOWMODE_MAX_SECONDS, `slowmodeSeconds must be at most ${L.SLOWMODE_MAX_SECONDS}`),
      ),
    ),
  }),
  v.check((p) => p.name !== undefined || p.type !== undefined || p.slowmodeSeconds !== undefined, "give a name, a type or a slowmodeSeconds to change"),
);
export type ChannelPatch = v.InferOutput<typeof ChannelPatch>;

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
export const NewConversation = v.object({
  serverId: v.pipe(v.string("serverId must be a string"), v.minLength(1, "serverId is required"), v.maxLength(64)),
  memberId: v.pipe(v.string("memberId must be a string"), v.minLength(1, "memberId is required"), v.maxLength(64)),
});
export type NewConversation = v.InferOutput<typeof NewConversation>;

export const Nonce = v.pipe(v.string("nonce must be a string"), chars(1, L.NONCE_MAX, "nonce"));
export const FileUrl = v.nullable(v.pipe(v.string("fileUrl must be a string"), v.maxLength(2048)));
export const MessageContent = v.pipe(v.string("content must be a string"), v.trim());
export const NewMessage = v.object({
  content: v.optional(MessageContent, ""),
  fileUrl: v.optional(FileUrl),
  nonce: v.optional(v.nullable(Nonce)),
  replyToId: v.optional(v.nullable(v.pipe(v.string("replyToId must be a string"), v.minLength(1, "replyToId must not be empty"), v.maxLength(64, "replyToId is too long")))),
});
export type NewMessage = v.InferOutput<typeof NewMessage>;
export const MessageEdit = v.object({ content: MessageContent });
export type MessageEdit = v.InferOutput<typeof MessageEdit>;

export const RoomId = Id;

const wholeNumber = (what: string, max: number) =>
  v.pipe(v.number(`${what} must be a number`), v.integer(`${what} must be a whole number`), v.minValue(0, `${what} must be at least 0`), v.maxValue(max, `${what} must be at most ${max}`));
export const InviteOptions = v.object({
  maxAgeSeconds: v.optional(wholeNumber("maxAgeSeconds", L.INVITE_MAX_AGE_SECONDS), 0),
  maxUses: v.optional(wholeNumber("maxUses", L.INVITE_MAX_USES), 0),
});
export type InviteOptions = v.InferOutput<typeof InviteOptions>;

export const NewBan = v.object({
  reason: v.optional(v.nullable(v.pipe(v.string("reason must be a string"), v.trim(), chars(0, L.BAN_REASON_MAX, "reason"))), null),
});
export type NewBan = v.InferOutput<typeof NewBan>;

export const NotificationLevelName = v.picklist(["all", "mentions", "none"], "level must be all, mentions or none");
export const NotificationChange = v.object({ level: NotificationLevelName });
export type NotificationChange = v.InferOutput<typeof NotificationChange>;

export const ReadMark = v.object({
  messageId: v.pipe(v.string("messageId must be a string"), v.minLength(1, "messageId is required"), v.maxLength(64, "messageId is too long")),
});
export type ReadMark = v.InferOutput<typeof ReadMark>;

/**
 * Search words, as `GET /api/search` takes them from `q`: split at spaces and invisible characters, once each,
 * keeping only words with a letter or a digit (`"`, `*`, `-` or `:` alone find nothing, and are no syntax either:
 * each word is searched as quoted text).
 */
export function searchWords(q: string): string[] {
  const words = q.split(/[\s\p{Z}\p{Cc}\p{Cf}\p{Cs}\p{Cn}]+/u).filter((w) => /[\p{L}\p{N}]/u.test(w));
  return [...new Set(words)];
}

/**
 * Text as search compares it: lower case, accents removed (as the index's tokenizer, unicode61 with
 * remove_diacritics 2, folds Latin letters). The search answer's `terms` are its words folded so; a client folds a
 * message's words the same way to highlight those that start with a term.
 */
export const searchFold = (text: string) =>
  text.normalize("NFD").replace(/[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g, "").normalize("NFC").toLowerCase();

/** An id in a query string: present once, 1 to 64 characters. */
const queryId = (what: string) =>
  v.optional(v.pipe(v.string(`${what} must be given once`), v.minLength(1, `${what} must not be empty`), v.maxLength(64, `${what} is too long`)));

/** `limit` in a query string: a whole number of at least 1 (above the maximum, taken as the maximum). */
const pageLimit = (max: number) =>
  v.optional(
    v.pipe(
      v.string("limit must be given once"),
      v.regex(/^\d+$/, "limit must be a whole number of at least 1"),
      v.transform(Number),
      v.minValue(1, "limit must be a whole number of at least 1"),
      v.transform((n) => Math.min(n, max)),
    ),
  );

/** `GET /api/search`: a server's text channels (`serverId`) or one conversation (`conversationId`), never both. */
export const SearchQuery = v.pipe(
  v.object({
    serverId: queryId("serverId"),
    conversationId: queryId("conversationId"),
    q: v.pipe(v.string("q is required, once"), v.trim(), chars(1, L.SEARCH_QUERY_MAX, "q")),
    channelId: queryId("channelId"),
    memberId: queryId("memberId"),
    has: v.optional(v.picklist(["file"], "has must be file")),
    cursor: v.optional(v.pipe(v.string("cursor must be given once"), v.minLength(1, "This cursor was not issued by the server"), v.maxLength(64, "This cursor was not issued by the server"))),
    limit: pageLimit(L.SEARCH_PAGE_MAX),
  }),
  v.check((s) => (s.serverId === undefined) !== (s.conversationId === undefined), "give either serverId or conversationId (exactly one)"),
  v.check((s) => s.conversationId === undefined || s.channelId === undefined, "channelId narrows a server's search; a conversation has no channels"),
);
export type SearchQuery = v.InferOutput<typeof SearchQuery>;
