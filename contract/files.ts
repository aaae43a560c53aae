// The kinds of file people may upload: images a browser shows safely, and PDF documents. The worker knows a file's
// kind by its bytes (worker/files/sniff.ts) and stores it under the kind's extension; the client checks a picked
// file's declared type (or name) first, for clear errors, and shows a message's file by its url's extension.
export interface FileKindInfo {
  /** the content type the file is stored and served with */
  type: string;
  /** the extension given to its key and, when its name lacks it, to its name */
  ext: string;
  /** other extensions a file of this kind may already carry in its name */
  aliases: readonly string[];
  /** how people call the format */
  label: string;
}

export const IMAGE_KINDS = {
  png: { type: "image/png", ext: "png", aliases: [], label: "PNG" },
  jpeg: { type: "image/jpeg", ext: "jpg", aliases: ["jpeg", "jpe", "jfif"], label: "JPEG" },
  gif: { type: "image/gif", ext: "gif", aliases: [], label: "GIF" },
  webp: { type: "image/webp", ext: "webp", aliases: [], label: "WebP" },
} as const satisfies Record<string, FileKindInfo>;
export const PDF_KIND = { type: "application/pdf", ext: "pdf", aliases: [], label: "PDF" } as const satisfies FileKindInfo;

const images: readonly FileKindInfo[] = Object.values(IMAGE_KINDS);
export const IMAGE_TYPES = images.map((k) => k.type);
/** Every extension an image may carry in its name, lower case. */
export const IMAGE_EXTENSIONS = images.flatMap((k) => [k.ext, ...k.aliases]);
/** "PNG, JPEG, GIF and WebP" (or "… or WebP"), for what people are told they may upload. */
export const imageFormats = (joiner: "and" | "or") => `${images.slice(0, -1).map((k) => k.label).join(", ")} ${joiner} ${images.at(-1)!.label}`;
