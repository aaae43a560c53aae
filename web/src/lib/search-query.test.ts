import { describe, expect, it } from "vitest";
import { completeFilter, filterAtEnd, highlight, parseSearch, resolveSearch } from "./search-query";
import type { Channel, Member } from "../../../contract/types";

const member = (id: string, name: string) => ({ id, profile: { id: `p-${id}`, name, imageUrl: null } }) as Member;
const channel = (id: string, name: string, type = "TEXT") => ({ id, name, type }) as Channel;

describe("parseSearch", () => {
  it("takes filters out of the words", () => {
    expect(parseSearch("release notes from:grace in:general has:file")).toEqual({ words: "release notes", from: "grace", in: "general", has: "file" });
    expect(parseSearch('from:"Grace Hopper" compiler')).toEqual({ words: "compiler", from: "Grace Hopper" });
    expect(parseSearch("email:me from: x")).toEqual({ words: "email:me x" });
  });
  it("resolves names without case or accents, and says what it cannot", () => {
    const scope = { members: [member("m1", "Grâce Hopper")], channels: [channel("c1", "général"), channel("c2", "talk", "AUDIO")] };
    expect(resolveSearch(parseSearch('from:"grace hopper" in:#general hi'), scope)).toMatchObject({ q: "hi", memberId: "m1", channelId: "c1", problems: [] });
    expect(resolveSearch(parseSearch("in:talk from:nobody has:link x"), scope).problems).toHaveLength(3);
  });
});

describe("completion", () => {
  it("finds the filter being typed and completes it", () => {
    expect(filterAtEnd("hello from:gr")).toEqual({ kind: "from", partial: "gr", start: 6 });
    expect(filterAtEnd("hello from:grace ")).toBeUndefined();
    expect(completeFilter("hello from:gr", "from", "Grace Hopper")).toBe('hello from:"Grace Hopper" ');
    expect(completeFilter("hello", "in", "general")).toBe("hello in:general ");
  });
});

describe("highlight", () => {
  it("marks words starting with a term, accent- and case-blind", () => {
    expect(highlight("Café crème, CAFETERIA!", ["cafe"])).toEqual([
      { text: "Café", hit: true }, { text: " crème, ", hit: false }, { text: "CAFETERIA", hit: true }, { text: "!", hit: false },
    ]);
    expect(highlight("plain", [])).toEqual([{ text: "plain", hit: false }]);
  });
});
