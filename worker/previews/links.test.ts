// Which links of a message are previewed: each once, in order, at most 3, `<…>` never, punctuation left out.
import { describe, expect, it } from "vitest";
import { linksIn } from "./links";

describe("linksIn", () => {
  it("takes http(s) links once each, in order, at most three", () => {
    expect(linksIn("a https://a.example/x b http://b.example c https://a.example/x d https://c.example e https://d.example"))
      .toEqual(["https://a.example/x", "http://b.example/", "https://c.example/"]);
  });
  it("skips links written <…>, and other schemes", () => {
    expect(linksIn("<https://hidden.example/> ftp://f.example javascript:alert(1) https://shown.example")).toEqual(["https://shown.example/"]);
  });
  it("leaves a sentence's punctuation and an unmatched closing bracket out of the link", () => {
    expect(linksIn("see https://a.example/page. and (https://b.example/x) or https://c.example/wiki/Foo_(bar)!"))
      .toEqual(["https://a.example/page", "https://b.example/x", "https://c.example/wiki/Foo_(bar)"]);
  });
  it("finds nothing in text without links", () => expect(linksIn("no links here, not even www.example.com")).toEqual([]));
});
