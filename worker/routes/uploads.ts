// Uploads: one file per request (multipart field `file`), typed by its bytes, stored in R2 and recorded in the database.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../env";
import { MAX_UPLOAD_BYTES } from "../../contract";
import { imageFormats } from "../../contract/files";
import type { UploadResult } from "../../contract";
import { fail } from "../errors";
import { requireSession } from "../auth/middleware";
import { randomToken } from "../ids";
import { sniff, SNIFF_BYTES } from "../files/sniff";
import { safeName } from "../files/names";
import { fileUrl } from "../db/queries/uploads";
import { recordUploadWithin, uploadsFull } from "../db/queries/limits";
import { limitOf, secondsUntilFree, tooMany } from "../limits";
import { requireFileStorage } from "../files/storage";

// room for the multipart boundaries and part headers around the file (a long file name included)
const MULTIPART_OVERHEAD = 64 * 1024;
const TOO_LARGE = `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB`;

export const uploads = new Hono<AppEnv>()
  .use(requireSession, requireFileStorage)
  .post(
    "/",
    // anyone signed in may upload (a first server's image is picked before the server exists); the rate limit is
    // settled before a byte of the body is read
    async (c, next) => {
      const limit = limitOf(c.env, "RATE_LIMIT_UPLOADS");
      const full = await uploadsFull(c.var.db, c.var.profile.id, limit);
      if (full) tooMany(c, secondsUntilFree(full, limit), "Too many uploads");
      await next();
    },
    // refuses by Content-Length without reading, and stops a chunked body as soon as it passes the limit
    bodyLimit({ maxSize: MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD, onError: () => fail(413, TOO_LARGE) }),
    async (c) => {
      if (!/^multipart\/form-data\s*;/i.test(c.req.header("content-type") ?? "")) fail(400, "Send the file as multipart/form-data in the field `file`");
      let form: FormData;
      try {
        form = await c.req.raw.formData();
      } catch {
        return fail(400, "The multipart body could not be read");
      }
      const files = form.getAll("file");
      if (files.length !== 1 || typeof files[0] === "string") fail(400, "Send exactly one file in the field `file`");
      const file = files[0] as File;
      if (file.size === 0) fail(400, "The file is empty");
      if (file.size > MAX_UPLOAD_BYTES) fail(413, TOO_LARGE);

      const bytes = new Uint8Array(await file.arrayBuffer());
      const kind = sniff(bytes.subarray(0, SNIFF_BYTES));
      if (!kind) fail(415, `Only ${imageFormats("and")} images and PDF documents may be uploaded`);

      const key = `${randomToken(32)}.${kind!.ext}`;
      const name = safeName(file.name ?? "", kind!);
      await c.env.FILES.put(key, bytes, {
        httpMetadata: { contentType: kind!.type },
        customMetadata: { name },
      });
      const limit = limitOf(c.env, "RATE_LIMIT_UPLOADS");
      let recorded: boolean;
      try {
        // counted again with the insert: two uploads racing for the last place cannot both get it
        recorded = await recordUploadWithin(c.var.db, { key, profileId: c.var.profile.id, name, type: kind!.type, size: bytes.byteLength }, limit);
      } catch (err) {
        // a file nobody can reference is just cost: take it back out before reporting the failure
        await c.env.FILES.delete(key).catch(() => {});
        throw err;
      }
      if (!recorded) {
        await c.env.FILES.delete(key).catch(() => {});
        tooMany(c, limit.seconds, "Too many uploads");
      }
      return c.json({ url: fileUrl(key), name, type: kind!.type, size: bytes.byteLength } satisfies UploadResult, 201);
    },
  );
