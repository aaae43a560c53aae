// Uploads: who may upload, recording a stored file, and finding one by its key or url.
import { eq } from "drizzle-orm";
import { members, uploads } from "../schema";
import type { Db } from "../../env";

export type Upload = typeof uploads.$inferSelect;

const FILES_PREFIX = "/api/files/";
/** base64url of 32 random bytes, with an optional extension; the same shape contract's imageUrl accepts */
const KEY = /^[A-Za-z0-9_-]{43}(\.[a-z0-9]{1,8})?$/;

export const isFileKey = (key: string) => KEY.test(key);

export const fileUrl = (key: string) => `${FILES_PREFIX}${key}`;

/** The key in a url issued by POST /api/uploads, or undefined for any other string. */
export function fileKeyFromUrl(url: string): string | undefined {
  if (!url.startsWith(FILES_PREFIX)) return undefined;
  const key = url.slice(FILES_PREFIX.length);
  return isFileKey(key) ? key : undefined;
}

export async function findUpload(db: Db, key: string): Promise<Upload | undefined> {
  if (!isFileKey(key)) return undefined;
  const [row] = await db.select().from(uploads).where(eq(uploads.key, key)).limit(1);
  return row;
}

/** Uploading is for people who belong somewhere: a member of at least one server. */
export async function mayUpload(db: Db, profileId: string): Promise<boolean> {
  const [row] = await db.select({ id: members.id }).from(members).where(eq(members.profileId, profileId)).limit(1);
  return !!row;
}
