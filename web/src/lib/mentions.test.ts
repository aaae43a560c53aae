import { describe, expect, it } from "vitest";
import { decodeMentions, encodeMentions, filterMembers, insertMention, mentionQuery, mentionRuns } from "./mentions";

const names: Record<string, string> = { m1: "Grace", m2: "Grace Hopper", m3: "Ada" };
const nameOf = (id: string) => names[id];

describe("mentionQuery", () => {
  it("finds the @word being typed before the caret", () => {
    expect(mentionQuery("hi @gr", 6)).toEqual({ start: 3, query: "gr" });
    expect(mentionQuery("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionQuery("hi @gr and more", 6)).toEqual({ start: 3, query: "gr" });
  });

  it("finds none in an e-mail address, after a space, or past the caret", () => {
    expect(mentionQuery("ada@example", 11)).toBeNull();
    expect(mentionQuery("hi @grace ", 10)).toBeNull();
    expect(mentionQuery("hi @gr", 2)).toBeNull();
  });
});

describe("filterMembers", () => {
  const members = [{ id: "m3", name: "Ada" }, { id: "m4", name: "Margaret" }, { id: "m1", name: "Grace" }];
  it("lists names that start with the query first, then names that contain it, ignoring case", () => {
    expect(filterMembers(members, "GR").map((m) => m.name)).toEqual(["Grace"]);
    expect(filterMembers(members, "a").map((m) => m.name)).toEqual(["Ada", "Margaret", "Grace"]);
    expect(filterMembers(members, "", 2)).toHaveLength(2);
  });
});

describe("insertMention", () => {
  it("replaces the typed @query with the name and a space, and puts the caret after it", () => {
    expect(insertMention("hi @gr", 3, 6, "Grace")).toEqual({ text: "hi @Grace ", caret: 10 });
    expect(insertMention("hi @gr thanks", 3, 6, "Grace Hopper")).toEqual({ text: "hi @Grace Hopper thanks", caret: 17 });
  });
});

describe("encodeMentions", () => {
  it("sends each picked name as <@memberId>, the longest name first", () => {
    const picked = new Map([["Grace", "m1"], ["Grace Hopper", "m2"]]);
    expect(encodeMentions("@Grace Hopper and @Grace, see", picked)).toBe("<@m2> and <@m1>, see");
  });

  it("leaves names that were not picked, longer words and e-mail addresses alone", () => {
    const picked = new Map([["Ada", "m3"]]);
    expect(encodeMentions("@Adam, ada@Ada.org, @Grace, @Ada!", picked)).toBe("@Adam, ada@Ada.org, @Grace, <@m3>!");
    expect(encodeMentions("@Ada", new Map())).toBe("@Ada");
  });
});

describe("decodeMentions", () => {
  it("shows <@memberId> as @Name and remembers it, so an edit sends the same text back", () => {
    const { text, picked } = decodeMentions("<@m1> meet <@m3> and <@gone>", nameOf);
    expect(text).toBe("@Grace meet @Ada and <@gone>");
    expect(encodeMentions(text, picked)).toBe("<@m1> meet <@m3> and <@gone>");
  });
});

describe("mentionRuns", () => {
  it("cuts the text at each mention, in order, keeping everything else as typed", () => {
    expect(mentionRuns("hi <@m1>, meet <@!m3>!")).toEqual([{ text: "hi " }, { memberId: "m1" }, { text: ", meet " }, { memberId: "m3" }, { text: "!" }]);
    expect(mentionRuns("<@m1><@m2>")).toEqual([{ memberId: "m1" }, { memberId: "m2" }]);
  });

  it("leaves text without a well-formed mention whole", () => {
    expect(mentionRuns("mail ada@example.com or <@ >")).toEqual([{ text: "mail ada@example.com or <@ >" }]);
    expect(mentionRuns("")).toEqual([]);
  });
});
