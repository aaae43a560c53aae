import { describe, expect, it } from "vitest";
import { TYPING_INTERVAL_MS } from "../contract";
import { identityOf, onlineOf, parseSocketFrame, SOCKET_FRAME_MAX, typingDue } from "./awareness";
import { ROOM_HEADERS } from "./headers";

describe("parseSocketFrame", () => {
  it("takes the typing frame, however it is spaced", () => {
    expect(parseSocketFrame('{"type":"typing"}')).toEqual({ type: "typing" });
    expect(parseSocketFrame(' { "type" : "typing" } ')).toEqual({ type: "typing" });
  });

  it("drops everything else", () => {
    const junk: unknown[] = [
      "junk", "", "null", "42", '"typing"', "[]", '[{"type":"typing"}]', "{}", '{"type":"Typing"}', '{"type":"typing","x":1}',
      '{"key":"chat:x:messages","data":{}}', '{"type":"typing"', new ArrayBuffer(17), new TextEncoder().encode('{"type":"typing"}').buffer,
      `{"type":"typing"}${" ".repeat(SOCKET_FRAME_MAX)}`, undefined, null,
    ];
    for (const frame of junk) expect(parseSocketFrame(frame), String(frame)).toBeUndefined();
  });
});

describe("typingDue", () => {
  it("relays the first, then not again until the interval has passed", () => {
    expect(typingDue(0, Date.now())).toBe(true);
    expect(typingDue(1000, 1000 + TYPING_INTERVAL_MS - 1)).toBe(false);
    expect(typingDue(1000, 1000 + TYPING_INTERVAL_MS)).toBe(true);
  });
});

describe("identityOf", () => {
  it("reads the kind, the member and the URI-encoded name the door set", () => {
    const headers = new Headers({ [ROOM_HEADERS.kind]: "channel", [ROOM_HEADERS.member]: "m1", [ROOM_HEADERS.name]: encodeURIComponent("Zoë 🦊 O'Neil") });
    expect(identityOf(headers)).toEqual({ kind: "channel", memberId: "m1", name: "Zoë 🦊 O'Neil" });
  });

  it("leaves out what is absent or broken", () => {
    expect(identityOf(new Headers())).toEqual({});
    expect(identityOf(new Headers({ [ROOM_HEADERS.kind]: "lobby", [ROOM_HEADERS.name]: "%E0%A4%A" }))).toEqual({});
  });
});

describe("onlineOf", () => {
  it("counts a person once however many sockets they have, and not the sockets not let in or gone", () => {
    expect(onlineOf([{ profileId: "a" }, { profileId: "b" }, { profileId: "a" }, null, { profileId: "c", gone: true }])).toEqual(["a", "b"]);
    expect(onlineOf([])).toEqual([]);
  });
});
