// Serving uploaded files (and link previews' images) from R2: their own type, never sniffed, never run as a page, cached for good, with ranges.
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { fail } from "../errors";
import { requireSession } from "../auth/middleware";
import { findReadableUpload, isFileKey } from "../db/queries/uploads";
import type { Db } from "../db/client";
import { previewImage } from "../previews/store";
import { kindOfType } from "../files/sniff";
import { contentDisposition } from "../files/names";
import { parseRange } from "../files/range";
import { requireFileStorage } from "../files/storage";

const NOT_FOUND = "File not found";

// Even if a file's bytes were crafted to look like a page, the browser must neither guess another type nor run
// anything in our origin: nosniff plus a sandboxing CSP.
const SAFE_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
  "Cross-Origin-Resource-Policy": "same-site",
  // a key names one file forever, so a browser may keep it; private, because a session is needed to read it
  "Cache-Control": "private, max-age=31536000, immutable",
  "Accept-Ranges": "bytes",
};

/** A link preview's image, for whoever may read a message that shows it (worker/previews/store.ts). */
async function previewFile(db: Db, key: string, profileId: string) {
  const image = await previewImage(db, key, profileId);
  return image && { key: image.key, type: image.type, size: image.size, name: `preview.${image.type.split("/")[1]}` };
}

export const files = new Hono<AppEnv>()
  .use(requireSession, requireFileStorage)
  .get("/:key", async (c) => {
    // a file nobody lets this person read looks exactly like one that does not exist
    const key = c.req.param("key");
    const upload = (await findReadableUpload(c.var.db, key, c.var.profile.id)) ?? (isFileKey(key) ? await previewFile(c.var.db, key, c.var.profile.id) : undefined);
    if (!upload) return fail(404, NOT_FOUND);

    const range = parseRange(c.req.header("range"), upload.size);
    if (range === "unsatisfiable") {
      return c.json({ error: "The requested range is outside the file" }, 416, { "Content-Range": `bytes */${upload.size}`, "Accept-Ranges": "bytes" });
    }
    const object = await c.env.FILES.get(upload.key, range ? { range: { offset: range.start, length: range.end - range.start + 1 } } : undefined);
    if (!object) return fail(404, NOT_FOUND);

    const kind = kindOfType(upload.type);
    const headers: Record<string, string> = {
      ...SAFE_HEADERS,
      "Content-Type": upload.type,
      "Content-Disposition": contentDisposition(kind?.disposition ?? "attachment", upload.name),
      ETag: object.httpEtag,
    };

    const ifNoneMatch = c.req.header("if-none-match");
    if (ifNoneMatch && (ifNoneMatch.trim() === "*" || ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === object.httpEtag))) {
      await object.body.cancel();
      return c.body(null, 304, headers);
    }
    if (range) {
      headers["Content-Range"] = `bytes ${range.start}-${range.end}/${upload.size}`;
      headers["Content-Length"] = String(range.end - range.start + 1);
      return c.body(object.body, 206, headers);
    }
    headers["Content-Length"] = String(upload.size);
    return c.body(object.body, 200, headers);
  });
