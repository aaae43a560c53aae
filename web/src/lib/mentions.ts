// Mentions as a person types them: the composer shows `@Name` and sends `<@memberId>`, and a message's
// `<@memberId>` reads as `@Name` again in the field when it is edited.

/** What a member is called where mentions are written and shown. */
export interface Mentionable {
  id: string;
  name: string;
}

export const EVERYONE = "everyone";
export const UNKNOWN_MEMBER = "unknown-member";
const MENTION_R = /<@!?([^\s<>@]{1,64})>/g;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The `@…` being typed just before the caret, if any: where its `@` is, and what follows it so far. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const match = /(?:^|\s)@([^\s@<>]{0,32})$/.exec(text.slice(0, caret));
  return match ? { start: caret - match[1].length - 1, query: match[1] } : null;
}

/** Those whose name fits what was typed: names that start with it first, then names that contain it. */
export function filterMembers<T extends Mentionable>(members: readonly T[], query: string, limit = 8): T[] {
  const q = query.toLocaleLowerCase();
  const starts = members.filter((m) => m.name.toLocaleLowerCase().startsWith(q));
  const contains = members.filter((m) => !starts.includes(m) && m.name.toLocaleLowerCase().includes(q));
  return [...starts, ...contains].slice(0, limit);
}

/** The text with `@query` (from `start` to the caret) replaced by `@Name `, and where the caret goes after it. */
export function insertMention(text: string, start: number, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  const rest = text.slice(caret).replace(/^ /, "");
  return { text: text.slice(0, start) + inserted + rest, caret: start + inserted.length };
}

/** The draft as sent: each `@Name` picked from the list becomes `<@memberId>` (longer names first, whole names only). */
export function encodeMentions(text: string, picked: ReadonlyMap<string, string>): string {
  const names = [...picked.keys()].sort((a, b) => b.length - a.length);
  if (!names.length) return text;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])@(${names.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}_])`, "gu");
  return text.replace(pattern, (_all, name: string) => `<@${picked.get(name)}>`);
}

/** A message's content as it is edited: `<@memberId>` as `@Name`, and the names to turn back on save. */
export function decodeMentions(content: string, nameOf: (memberId: string) => string | undefined): { text: string; picked: Map<string, string> } {
  const picked = new Map<string, string>();
  const text = content.replace(MENTION_R, (all, id: string) => {
    const name = nameOf(id);
    if (!name || (picked.has(name) && picked.get(name) !== id)) return all; // unknown, or a name two members share
    picked.set(name, id);
    return `@${name}`;
  });
  return { text, picked };
}


/** A message's text cut at its mentions, for views that draw it without markdown (search results). */
export function mentionRuns(content: string): ({ text: string } | { memberId: string })[] {
  const runs: ({ text: string } | { memberId: string })[] = [];
  let at = 0;
  for (const match of content.matchAll(MENTION_R)) {
    if (match.index > at) runs.push({ text: content.slice(at, match.index) });
    runs.push({ memberId: match[1] });
    at = match.index + match[0].length;
  }
  if (at < content.length) runs.push({ text: content.slice(at) });
  return runs;
}
