// Which links of a message get a preview: the http(s) ones, each once, in order, at most three.

export const LINKS_PER_MESSAGE = 3;

/**
 * The http(s) links of a message's text, each once, in order, at most LINKS_PER_MESSAGE; a link written `<…>` is
 * not previewed, as in Discord. Trailing punctuation belongs to the sentence, not the link.
 */
export function linksIn(content: string): string[] {
  const found: string[] = [];
  for (const m of content.matchAll(/<https?:\/\/[^\s<>]+>|https?:\/\/[^\s<>]+/gi)) {
    if (m[0].startsWith("<")) continue;
    let link = m[0].replace(/[.,;:!?'"*_~]+$/, "");
    // a closing bracket that opens nowhere in the link is the sentence's (a link in parentheses)
    while (link.endsWith(")") && (link.match(/\(/g)?.length ?? 0) < (link.match(/\)/g)?.length ?? 0)) link = link.slice(0, -1);
    try {
      const url = new URL(link).toString();
      if (!found.includes(url)) found.push(url);
    } catch {
      continue;
    }
    if (found.length === LINKS_PER_MESSAGE) break;
  }
  return found;
}
