// What a file message shows, decided by the extension of the url the worker issued (it names every stored file
// after its real type), and a PDF's name, from the file's own Content-Disposition.
import { IMAGE_EXTENSIONS, PDF_KIND } from "../../../contract/files";

export type AttachmentKind = "image" | "pdf";

/** What a file called this is, by its extension (contract/files.ts). */
export function kindOfName(name: string): AttachmentKind | null {
  const dot = name.lastIndexOf(".");
  const ext = dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
  return IMAGE_EXTENSIONS.includes(ext) ? "image" : ext === PDF_KIND.ext ? "pdf" : null;
}

/** What a message's file is: the worker names every stored file with the extension of its real type. */
export const kindOfUrl = (url: string) => kindOfName(url.split(/[?#]/)[0]);

const FALLBACK_PDF_NAME = "document.pdf";

/** The name in a Content-Disposition header: RFC 5987 `filename*` first, then the plain `filename`. */
function nameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star) {
    try {
      const name = decodeURIComponent(star[2].trim());
      if (name) return name;
    } catch {
      // a malformed escape: try the plain name
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
  const name = (plain?.[1]?.replace(/\\(.)/g, "$1") ?? plain?.[2])?.trim();
  return name || null;
}

const names = new Map<string, Promise<string>>();

/** A stored file's name, from a HEAD request (asked once per url), or "document.pdf" when it gives none. */
export function attachmentName(url: string, fallback = FALLBACK_PDF_NAME): Promise<string> {
  let name = names.get(url);
  if (!name) {
    name = fetch(url, { method: "HEAD", credentials: "same-origin" }).then(
      (res) => (res.ok && nameFromDisposition(res.headers.get("content-disposition"))) || fallback,
      () => {
        names.delete(url); // offline: ask again next time
        return fallback;
      },
    );
    names.set(url, name);
  }
  return name;
}
