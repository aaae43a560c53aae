import { describe, expect, it } from "vitest";
import { parseMarkdown, safeHref, type MdNode } from "./markdown";

const text = (content: string): MdNode => ({ type: "text", content });
const parse = parseMarkdown;

describe("parseMarkdown: Discord's inline styles", () => {
  it("reads bold, italic, underline, strikethrough and inline code", () => {
    expect(parse("**b** *i* _i_ __u__ ~~s~~ `c`")).toEqual([
      { type: "strong", content: [text("b")] }, text(" "),
      { type: "em", content: [text("i")] }, text(" "),
      { type: "em", content: [text("i")] }, text(" "),
      { type: "u", content: [text("u")] }, text(" "),
      { type: "del", content: [text("s")] }, text(" "),
      { type: "inlineCode", content: "c" },
    ]);
  });

  it("nests styles, and leaves markdown inside code alone", () => {
    expect(parse("***x***")).toEqual([{ type: "em", content: [{ type: "strong", content: [text("x")] }] }]);
    expect(parse("`**not bold** <@m1>`")).toEqual([{ type: "inlineCode", content: "**not bold** <@m1>" }]);
  });

  it("hides a spoiler's content, styles included", () => {
    expect(parse("||the **end**||")).toEqual([{ type: "spoiler", content: [text("the "), { type: "strong", content: [text("end")] }] }]);
  });

  it("keeps unmatched marks and escaped ones as they were typed", () => {
    expect(parse("2 * 3 = 6, a_b_c and **open")).toEqual([text("2 * 3 = 6, a_b_c and **open")]);
    expect(parse("\\*not italic\\*")).toEqual([text("*not italic*")]);
  });

  it("breaks lines where the message does", () => {
    expect(parse("one\ntwo")).toEqual([text("one"), { type: "br" }, text("two")]);
  });
});

describe("parseMarkdown: blocks at the start of a line", () => {
  it("reads fenced code with or without a language, unparsed", () => {
    expect(parse("```js\nconst a = **1**;\n```")).toEqual([{ type: "codeBlock", lang: "js", content: "const a = **1**;" }]);
    expect(parse("see ```plain```")).toEqual([text("see "), { type: "codeBlock", lang: "", content: "plain" }]);
  });

  it("reads quotes: a line with >, the rest of the message with >>>", () => {
    expect(parse("> a\n> b\nafter")).toEqual([{ type: "blockQuote", content: [text("a"), { type: "br" }, text("b")] }, text("after")]);
    expect(parse(">>> a\nb")).toEqual([{ type: "blockQuote", content: [text("a"), { type: "br" }, text("b")] }]);
    expect(parse("not > a quote")).toEqual([text("not > a quote")]);
  });

  it("reads headings of three sizes, only with a space and at a line's start", () => {
    expect(parse("# Big\n### Small")).toEqual([{ type: "heading", level: 1, content: [text("Big")] }, { type: "heading", level: 3, content: [text("Small")] }]);
    expect(parse("#tag and #### four")).toEqual([text("#tag and #### four")]);
    expect(parse("a # b")).toEqual([text("a # b")]);
  });

  it("reads bulleted and numbered lists, one list per kind of bullet", () => {
    expect(parse("- one\n* **two**\n3. three\n4. four\nplain")).toEqual([
      { type: "list", ordered: false, start: 1, items: [[text("one")], [{ type: "strong", content: [text("two")] }]] },
      { type: "list", ordered: true, start: 3, items: [[text("three")], [text("four")]] },
      text("plain"),
    ]);
  });
});

describe("parseMarkdown: links", () => {
  it("links bare addresses, without the sentence's last period", () => {
    expect(parse("docs: https://example.com/docs.")).toEqual([
      text("docs: "), { type: "link", target: "https://example.com/docs", content: [text("https://example.com/docs")] }, text("."),
    ]);
  });

  it("links masked links and <autolinks> to http, https and mailto", () => {
    expect(parse("[the **docs**](https://example.com) <mailto:a@b.c>")).toEqual([
      { type: "link", target: "https://example.com", content: [text("the "), { type: "strong", content: [text("docs")] }] },
      text(" "),
      { type: "link", target: "mailto:a@b.c", content: [text("mailto:a@b.c")] },
    ]);
  });

  it("keeps any other scheme as the text that was typed", () => {
    for (const source of ["[x](javascript:alert(1))", "[x]( JaVaScRiPt:alert(1))", "[x](data:text/html,<b>)", "[x](/api/files/a)", "<javascript://%0aalert(1)>", "[x](vbscript:msgbox)"]) {
      expect(parse(source)).toEqual([text(source)]);
    }
  });

  it("keeps a masked link whose text is another address as text", () => {
    expect(parse("[https://bank.example](https://evil.example)")).toEqual([text("[https://bank.example](https://evil.example)")]);
    expect(parse("[see https://a.example](https://b.example)")).toEqual([text("[see https://a.example](https://b.example)")]);
  });
});

describe("parseMarkdown: mentions", () => {
  it("reads member mentions and @everyone", () => {
    expect(parse("hi <@01HZX> and <@!02AB>, @everyone")).toEqual([
      text("hi "), { type: "mention", memberId: "01HZX" }, text(" and "), { type: "mention", memberId: "02AB" }, text(", "), { type: "everyone" },
    ]);
  });
});

describe("parseMarkdown: HTML is text", () => {
  it("keeps tags, handlers and entities as the characters typed", () => {
    for (const source of ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "&lt;b&gt; &amp; &#60;i&#62;", "<a href=\"javascript:alert(1)\">x</a>"]) {
      expect(parse(source)).toEqual([text(source)]);
    }
  });

  it("keeps markup nested in styles as text", () => {
    expect(parse("**<img src=x onerror=alert(1)>**")).toEqual([{ type: "strong", content: [text("<img src=x onerror=alert(1)>")] }]);
  });
});

describe("safeHref", () => {
  it("allows http, https and mailto only", () => {
    expect(["https://a.example", "http://a.example", "mailto:a@b.c"].map(safeHref)).toEqual([true, true, true]);
    expect(["javascript:alert(1)", "\tjavascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "/relative", "ftp://a"].map(safeHref)).toEqual([false, false, false, false, false, false]);
  });
});
