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

export const Email = v.pipe(
  v.string("email must be a string"),
  v.trim(),
  v.toLowerCase(),
  v.maxLength(254, "email is too long"),
  v.email("email must look like an e-mail address"),
);
export const Password = v.pipe(v.string("password must be a string"), chars(L.PASSWORD_MIN, L.PASSWORD_MAX, "password"));
export const ProfileName = trimmed(1, L.PROFILE_NAME_MAX, "name");

export const SignUp = v.object({ email: Email, password: Password, name: ProfileName });
export type SignUp = v.InferOutput<typeof SignUp>;
/** No rules beyond "a string": whatever is wrong with an e-mail or a password, sign-in answers the same 401. */
export const SignIn = v.object({
  email: v.pipe(v.string("email must be a string"), v.trim(), v.toLowerCase()),
  password: v.string("password must be a string"),
});
export type SignIn = v.InferOutput<typeof SignIn>;

/** An image is an uploaded file of this product or an http(s) address; nothing else reaches an <img>. */
export const ImageUrl = v.nullable(
  v.pipe(
    v.string("imageUrl must be a string"),
    v.trim(),
    v.maxLength(2048, "imageUrl is too long"),
    v.regex(/^(\/api\/files\/[A-Za-z0-9._-]+|https?:\/\/\S+)$/, "imageUrl must be an uploaded file or an http(s) address"),
  ),
);

export const ServerName = trimmed(1, L.SERVER_NAME_MAX, "name");
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
export const ChannelName = v.pipe(
  trimmed(1, L.CHANNEL_NAME_MAX, "name"),
  v.check((n) => n.toLowerCase() !== L.RESERVED_CHANNEL, `the channel name "${L.RESERVED_CHANNEL}" is reserved`),
);
export const NewChannel = v.object({ name: ChannelName, type: ChannelTypeName });
export type NewChannel = v.InferOutput<typeof NewChannel>;
export const ChannelPatch = v.pipe(
  v.object({ name: v.optional(ChannelName), type: v.optional(ChannelTypeName) }),
  v.check((p) => p.name !== undefined || p.type !== undefined, "give a name or a type to change"),
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
});
export type NewMessage = v.InferOutput<typeof NewMessage>;
export const MessageEdit = v.object({ content: MessageContent });
export type MessageEdit = v.InferOutput<typeof MessageEdit>;

export const RoomId = Id;
