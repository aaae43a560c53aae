// Uploads: finding a stored file by its key or url, and who may read it.
import { and, eq } from "drizzle-orm";
import { uploads } from "../schema";
import type { Db } from "../client";
import { fileReaders } from "./access";

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

/** The upload, if this person may read it (fileReaders in access.ts); undefined for anyone else, as for no file. */
export async function findReadableUpload(db: Db, key: string, profileId: string): Promise<Upload | undefined> {
  if (!isFileKey(key)) return undefined;
  const [found, readable] = await db.$client.batch(
    [
      { sql: "SELECT key, profile_id, name, type, size, created_at FROM uploads WHERE key = ?", args: [key] },
      { sql: `SELECT EXISTS (${fileReaders(":key", ":url", "= :profile")}) AS ok`, args: { key, url: fileUrl(key), profile: profileId } },
    ],
    "read",
  );
  const row = found.rows[0];
  if (!row || Number(readable.rows[0].ok) !== 1) return undefined;
  return { key: row.key as string, profileId: row.profile_id as string, name: row.name as string, type: row.type as string, size: Number(row.size), createdAt: row.created_at as string };
}

/** Whether this url is an upload of this person: what a message, a server or a profile may show. */
export async function isOwnUpload(db: Db, url: string, profileId: string): Promise<boolean> {
  const key = fileKeyFromUrl(url);
  if (!key) return false;
  const [row] = await db.select({ key: uploads.key }).from(uploads).where(and(eq(uploads.key, key), eq(uploads.profileId, profileId))).limit(1);
  return !!row;
}
