// What a person types in the message search box, as Discord reads it: words, and the filters `from:<member>`,
// `in:<channel>` and `has:file` (a name with spaces in quotes). Pure, so the box, its completion and the tests share it.
import type { Channel, Member } from "../../../contract/types";

export type FilterKind = "from" | "in" | "has";
export const FILTERS: { kind: FilterKind; hint: string }[] = [
  { kind: "from", hint: "user" },
  { kind: "in", hint: "channel" },
  { kind: "has", hint: "file" },
];

const FILTER = /(?:^|\s)(from|in|has):(?:"([^"]*)"?|(\S*))/gi;

export interface ParsedSearch {
  words: string;
  from?: string;
  in?: string;
  has?: string;
}

export function parseSearch(text: string): ParsedSearch {
  const parsed: ParsedSearch = { words: "" };
  parsed.words = text
    .replace(FILTER, (_all, kind: string, quoted: string | undefined, bare: string | undefined) => {
      const value = (quoted ?? bare ?? "").trim();
      if (value) parsed[kind.toLowerCase() as FilterKind] = value;
      return " ";
    })
    .replace(/\s+/g, " ")
    .trim();
  return parsed;
}

/** The filter being typed at the end of the text, for completion: `from:gr` → { kind: "from", partial: "gr" }. */
export function filterAtEnd(text: string): { kind: FilterKind; partial: string; start: number } | undefined {
  const m = /(?:^|\s)(from|in|has):("?)([^"\s]*)$/i.exec(text);
  if (!m) return undefined;
  return { kind: m[1].toLowerCase() as FilterKind, partial: m[3], start: m.index + (m[0].startsWith(" ") ? 1 : 0) };
}

/** Replaces the filter being typed with the chosen value, quoted when it holds a space, and a space after. */
export function completeFilter(text: string, kind: FilterKind, value: string): string {
  const at = filterAtEnd(text);
  const head = at ? text.slice(0, at.start) : text.endsWith(" ") || !text ? text : `${text} `;
  return `${head}${kind}:${/\s/.test(value) ? `"${value}"` : value} `;
}

const folded = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

/** The search's API parameters, with the filters resolved against the server's members and text channels. */
export function resolveSearch(parsed: ParsedSearch, scope: { members: Member[]; channels: Channel[] }) {
  const member = parsed.from ? scope.members.find((m) => folded(m.profile.name) === folded(parsed.from!)) : undefined;
  const channel = parsed.in ? scope.channels.find((c) => c.type === "TEXT" && folded(c.name) === folded(parsed.in!.replace(/^#/, ""))) : undefined;
  const problems = [
    parsed.from && !member ? `nobody here is called “${parsed.from}”` : "",
    parsed.in && !channel ? `there is no text channel “${parsed.in}”` : "",
    parsed.has && parsed.has.toLowerCase() !== "file" ? "has: takes only file" : "",
  ].filter(Boolean);
  return { q: parsed.words, memberId: member?.id, channelId: channel?.id, hasFile: parsed.has?.toLowerCase() === "file", problems };
}

/** Splits text into runs, marking the words that start with one of the searched terms (terms folded like the index). */
export function highlight(text: string, terms: string[]): { text: string; hit: boolean }[] {
  if (!terms.length) return [{ text, hit: false }];
  const runs: { text: string; hit: boolean }[] = [];
  for (const part of text.split(/([\p{L}\p{N}_]+)/u)) {
    if (!part) continue;
    const hit = /[\p{L}\p{N}]/u.test(part) && terms.some((t) => folded(part).startsWith(t));
    const last = runs[runs.length - 1];
    if (last && last.hit === hit) last.text += part;
    else runs.push({ text: part, hit });
  }
  return runs;
}
