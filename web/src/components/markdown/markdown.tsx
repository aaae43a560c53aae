// A message's markdown (lib/markdown.ts) as DOM nodes. Whatever a person typed ends up in text nodes, and a link
// only ever has an address the parser checked, so no message can add markup, styles or script to the page.
import { createMemo, createSignal, type JSX } from "solid-js";
import { parseMarkdown, type MdNode } from "../../lib/markdown";
import { EVERYONE, UNKNOWN_MEMBER } from "../../lib/mentions";

export interface MarkdownContext {
  /** a member's name for `<@memberId>`; undefined for someone this chat does not know */
  nameOf: (memberId: string) => string | undefined;
  /** whether this message's `@everyone` counted (only from an ADMIN or MODERATOR in a channel) */
  everyone: boolean;
}

// Discord's "click to reveal": hidden behind a dark block until pressed, then plain text for good.
function Spoiler(props: { children: JSX.Element }) {
  const [shown, setShown] = createSignal(false);
  const reveal = () => setShown(true);
  return (
    <span
      class={shown() ? "spoiler-shown" : "spoiler"}
      data-testid="spoiler"
      role={shown() ? undefined : "button"}
      tabIndex={shown() ? undefined : 0}
      aria-label={shown() ? undefined : "Spoiler, press to reveal"}
      onClick={reveal}
      onKeyDown={(e) => (e.key === "Enter" || e.key === " ") && (e.preventDefault(), reveal())}
    >
      {props.children}
    </span>
  );
}

const Pill = (props: { children: JSX.Element }) => <span class="mention" data-testid="mention">{props.children}</span>;

function render(nodes: MdNode[], ctx: MarkdownContext): JSX.Element[] {
  return nodes.map((node): JSX.Element => {
    switch (node.type) {
      case "text": return node.content;
      case "br": return <br />;
      case "strong": return <strong class="font-bold">{render(node.content, ctx)}</strong>;
      case "em": return <em>{render(node.content, ctx)}</em>;
      case "u": return <u>{render(node.content, ctx)}</u>;
      case "del": return <s>{render(node.content, ctx)}</s>;
      case "spoiler": return <Spoiler>{render(node.content, ctx)}</Spoiler>;
      case "inlineCode": return <code class="md-code">{node.content}</code>;
      case "codeBlock": return <pre class="md-pre"><code data-lang={node.lang || undefined}>{node.content}</code></pre>;
      case "blockQuote": return <blockquote class="md-quote">{render(node.content, ctx)}</blockquote>;
      // below the page's own headings: a message's "# Title" is a big line, not the page's title
      case "heading": {
        const content = render(node.content, ctx);
        return node.level === 1 ? <h3 class="md-h1">{content}</h3> : node.level === 2 ? <h4 class="md-h2">{content}</h4> : <h5 class="md-h3">{content}</h5>;
      }
      case "list": {
        const items = node.items.map((item) => <li>{render(item, ctx)}</li>);
        return node.ordered ? <ol class="md-list list-decimal" start={node.start}>{items}</ol> : <ul class="md-list list-disc">{items}</ul>;
      }
      case "link":
        return <a href={node.target} target="_blank" rel="noopener noreferrer nofollow" class="text-sky-500 hover:underline">{render(node.content, ctx)}</a>;
      case "mention": return <Pill>@{ctx.nameOf(node.memberId) ?? UNKNOWN_MEMBER}</Pill>;
      case "everyone": return ctx.everyone ? <Pill>@{EVERYONE}</Pill> : `@${EVERYONE}`;
    }
  });
}

export function Markdown(props: { source: string } & MarkdownContext) {
  const nodes = createMemo(() => parseMarkdown(props.source));
  // the context's getters stay live: a mention's name follows the member list as it loads
  return <>{render(nodes(), { nameOf: (id) => props.nameOf(id), get everyone() { return props.everyone; } })}</>;
}
