// Discord's markdown subset, parsed by simple-markdown (the parser Discord's own is built on) into a small tree
// the chat renders as DOM nodes. Only the rules below exist: raw HTML, images, tables and reference links are
// plain text, and a link is a link only when it goes to http, https or mailto.
import SimpleMarkdown, { type MatchFunction, type ParserRule, type ParserRules, type State } from "@khanacademy/simple-markdown";

export type MdNode =
  | { type: "text"; content: string }
  | { type: "br" }
  | { type: "strong" | "em" | "u" | "del" | "spoiler" | "blockQuote"; content: MdNode[] }
  | { type: "heading"; level: 1 | 2 | 3; content: MdNode[] }
  | { type: "inlineCode"; content: string }
  | { type: "codeBlock"; lang: string; content: string }
  | { type: "list"; ordered: boolean; start: number; items: MdNode[][] }
  | { type: "link"; target: string; content: MdNode[] }
  | { type: "mention"; memberId: string }
  | { type: "everyone" };

const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/** Whether a link may go where it says: parsed as the browser would, http, https and mailto only. */
export function safeHref(target: string): boolean {
  try {
    return SAFE_PROTOCOLS.has(new URL(target).protocol);
  } catch {
    return false;
  }
}

const { defaultRules: d, anyScopeRegex, inlineRegex } = SimpleMarkdown;

// Headings, quotes and lists count only at the start of a line, as in Discord, where they need no blank line
// around them (the whole message is parsed as one inline run).
const atLineStart = (state: State) => state.prevCapture == null || state.prevCapture[0].endsWith("\n");
const lineStart = (regex: RegExp): MatchFunction => (source, state) => (atLineStart(state) ? regex.exec(source) : null);

const plainText = (nodes: MdNode[]): string =>
  nodes.map((n) => (n.type === "text" || n.type === "inlineCode" ? n.content : "content" in n && Array.isArray(n.content) ? plainText(n.content) : "")).join("");

/**
 * A link rule whose target is checked: anything but http, https and mailto stays the text that was typed, and so
 * does a masked link whose text is itself an address (it could show one place and go to another).
 */
const checked = (rule: ParserRule, masked = false): ParserRule => ({
  ...rule,
  parse(capture, parse, state) {
    const node = rule.parse(capture, parse, state) as { target: string; content: MdNode[] };
    const honest = safeHref(node.target) && !(masked && /\w+:\/\/|mailto:/i.test(plainText(node.content)));
    return honest ? { type: "link", target: node.target, content: node.content } : { type: "text", content: capture[0] };
  },
});

// consecutive lines of one kind of bullet; a list does not run on into the next line of plain text
const LIST_R = /^(?: *[*-] +[^\n]*(?:\n|$))+|^(?: *\d{1,9}\. +[^\n]*(?:\n|$))+/;
const BULLET_R = /^ *([*-]|\d{1,9}\.) +/;

let order = 0;
const rules: ParserRules = {
  codeBlock: {
    order: order++,
    // the line break after the closing fence belongs to the block, as after a heading or a quote
    match: anyScopeRegex(/^```(?:([\w+#.-]+)\n)?\n*([\s\S]+?)\n*```\n?/),
    parse: (c) => ({ lang: c[1] ?? "", content: c[2] }),
  },
  blockQuote: {
    order: order++,
    // "> " quotes a line, ">>> " the rest of the message; quotes do not nest
    match: (source, state) => (state.inQuote || !atLineStart(state) ? null : /^ *>>> ([\s\S]*)|^ *> [^\n]*(?:\n *> [^\n]*)*\n?/.exec(source)),
    parse(c, parse, state) {
      const body = c[1] ?? c[0].replace(/^ *> /gm, "").replace(/\n$/, "");
      state.inQuote = true;
      const content = parse(body, state);
      state.inQuote = false;
      return { content };
    },
  },
  heading: {
    order: order++,
    match: lineStart(/^(#{1,3}) +([^\n]+?) *(?:\n|$)/),
    parse: (c, parse, state) => ({ level: c[1].length, content: parse(c[2], state) }),
  },
  list: {
    order: order++,
    match: (source, state, prev) => (state.inList ? null : lineStart(LIST_R)(source, state, prev)),
    parse(c, parse, state) {
      const lines = c[0].replace(/\n$/, "").split("\n");
      const first = BULLET_R.exec(lines[0])![1];
      state.inList = true;
      const items = lines.map((line) => parse(line.replace(BULLET_R, ""), state));
      state.inList = false;
      return { ordered: first !== "*" && first !== "-", start: parseInt(first, 10) || 1, items };
    },
  },
  escape: d.escape,
  mention: { order: order++, match: anyScopeRegex(/^<@!?([^\s<>@]{1,64})>/), parse: (c) => ({ memberId: c[1] }) },
  everyone: { order: order++, match: anyScopeRegex(/^@everyone/), parse: () => ({}) },
  spoiler: { order: order++, match: anyScopeRegex(/^\|\|([\s\S]+?)\|\|/), parse: (c, parse, state) => ({ content: parse(c[1], state) }) },
  autolink: checked(d.autolink),
  mailto: checked(d.mailto),
  url: checked(d.url),
  link: checked(d.link, true),
  em: d.em,
  strong: d.strong,
  u: d.u,
  del: d.del,
  inlineCode: d.inlineCode,
  br: { order: d.br.order, match: anyScopeRegex(/^\n/), parse: () => ({}) },
  // as simple-markdown's, but a text run also ends at a newline, so a line's first character can start a rule
  text: { ...d.text, match: inlineRegex(/^[\s\S]+?(?=[^0-9A-Za-z\s\u00c0-\uffff]|\n|\w+:\S|$)/) },
};

const parser = SimpleMarkdown.parserFor(rules, { inline: true });

/** Only the fields of each node, with neighbouring text joined (the parser splits text at every symbol). */
function tidy(nodes: MdNode[]): MdNode[] {
  const out: MdNode[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (node.type === "text" && last?.type === "text") last.content += node.content;
    else if (node.type === "text") out.push({ type: "text", content: node.content });
    else if (node.type === "list") out.push({ ...node, items: node.items.map(tidy) });
    else if ("content" in node && Array.isArray(node.content)) out.push({ ...node, content: tidy(node.content) } as MdNode);
    else out.push(node);
  }
  return out;
}

export function parseMarkdown(source: string): MdNode[] {
  // the rules above make exactly these shapes
  return tidy(parser(source, { inline: true }) as MdNode[]);
}
