// A page's preview, read with Workers' own HTMLRewriter (a streaming HTML parser, no DOM): Open Graph first, then
// <title> and <meta name=description>.

export interface PageMeta { title: string | null; description: string | null; siteName: string | null; image: string | null }

const TITLE_MAX = 256;
const DESCRIPTION_MAX = 1024;

const clean = (s: string | null | undefined, max: number) => {
  const t = (s ?? "").replace(/\s+/g, " ").trim();
  return t ? [...t].slice(0, max).join("") : null;
};

export async function readMeta(html: Uint8Array): Promise<PageMeta> {
  const og: Record<string, string> = {};
  let title = "";
  let inTitle = false;
  let description: string | null = null;
  const rewriter = new HTMLRewriter()
    .on("meta", {
      element(el) {
        const key = (el.getAttribute("property") ?? el.getAttribute("name") ?? "").trim().toLowerCase();
        const content = el.getAttribute("content");
        if (content === null) return;
        // the first of each wins, as in the page's own order
        if (key.startsWith("og:") && !(key in og)) og[key] = content;
        if (key === "description" && description === null) description = content;
      },
    })
    .on("title", {
      element(el) {
        if (title) return; // an <svg> or a second <title> later in the page does not replace it
        inTitle = true;
        el.onEndTag(() => void (inTitle = false));
      },
      text(t) {
        if (inTitle && title.length < TITLE_MAX * 4) title += t.text;
      },
    });
  await rewriter.transform(new Response(html, { headers: { "content-type": "text/html" } })).arrayBuffer();
  return {
    title: clean(decode(og["og:title"]), TITLE_MAX) ?? clean(decode(title), TITLE_MAX),
    description: clean(decode(og["og:description"]), DESCRIPTION_MAX) ?? clean(decode(description), DESCRIPTION_MAX),
    siteName: clean(decode(og["og:site_name"]), TITLE_MAX),
    image: clean(decode(og["og:image:secure_url"] ?? og["og:image"] ?? og["og:image:url"]), 2048),
  };
}

/** HTMLRewriter hands text and attribute values with their character references as written: one pass decodes them. */
const codePoint = (n: number) => (Number.isInteger(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : "\ufffd");
function decode(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (m, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith("#x")) return codePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith("#")) return codePoint(Number(lower.slice(1)));
    return ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " } as Record<string, string>)[lower] ?? m;
  });
}
