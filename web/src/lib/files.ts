// Files people pick to attach or upload: the kinds (contract/files.ts) and the size the worker takes, checked in
// the client first for clear errors. Only the modals use this; what a message shows is in attachments.ts.
import { IMAGE_TYPES, imageFormats, PDF_KIND } from "../../../contract/files";
import { MAX_UPLOAD_BYTES } from "../../../contract/limits";
import { kindOfName } from "./attachments";

export type FileKind = "image" | "pdf";

const PDF_TYPE = PDF_KIND.type;

/** for <input type=file accept> */
export const ACCEPT_IMAGES = IMAGE_TYPES.join(",");
export const ACCEPT_FILES = [...IMAGE_TYPES, PDF_TYPE].join(",");

/** What a picked file is, by its declared type, or by its name when the system gave none. */
export function kindOfFile(file: File): FileKind | null {
  if (IMAGE_TYPES.includes(file.type)) return "image";
  if (file.type === PDF_TYPE) return "pdf";
  if (file.type) return null;
  return kindOfName(file.name);
}

/** Why a file cannot be uploaded, in words for a person, or null when it may be. */
export function fileProblem(file: File, imagesOnly = false): string | null {
  const kind = kindOfFile(file);
  if (!kind || (imagesOnly && kind !== "image")) {
    return imagesOnly ? `Only ${imageFormats("and")} images can be used` : `Only ${imageFormats("and")} images and PDF documents can be sent`;
  }
  if (file.size === 0) return "The file is empty";
  if (file.size > MAX_UPLOAD_BYTES) return `The file is ${formatSize(file.size)}; files can be at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB`;
  return null;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
