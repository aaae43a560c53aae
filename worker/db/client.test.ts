import { describe, expect, it } from "vitest";
import { modeFor, whenNotBusy } from "./client";

const busy = () => Object.assign(new Error("SQLITE_BUSY: database is locked"), { code: "SQLITE_BUSY" });
const noPause = async () => {};

describe("whenNotBusy", () => {
  it("sends a batch the database refused as busy again, and answers its result", async () => {
    let calls = 0;
    const result = await whenNotBusy(async () => (++calls < 3 ? Promise.reject(busy()) : "committed"), 4000, noPause);
    expect(result).toBe("committed");
    expect(calls).toBe(3);
  });
  it("never repeats anything but busy", async () => {
    let calls = 0;
    await expect(whenNotBusy(async () => (calls++, Promise.reject(new Error("UNIQUE constraint failed"))), 4000, noPause)).rejects.toThrow("UNIQUE");
    expect(calls).toBe(1);
  });
  it("gives up after a few tries, or when the request's budget is spent", async () => {
    let calls = 0;
    await expect(whenNotBusy(async () => (calls++, Promise.reject(busy())), 4000, noPause)).rejects.toThrow("SQLITE_BUSY");
    expect(calls).toBe(6);
    calls = 0;
    await expect(whenNotBusy(async () => (calls++, Promise.reject(busy())), 0, noPause)).rejects.toThrow("SQLITE_BUSY");
    expect(calls).toBe(1);
  });
});

describe("modeFor", () => {
  it("reads when every statement is a SELECT, and takes the write lock at BEGIN otherwise", () => {
    expect(modeFor(["SELECT 1", { sql: "  select * from messages", args: [] }])).toBe("read");
    expect(modeFor([{ sql: "INSERT INTO conversations (id) VALUES (?)", args: ["c"] }, "SELECT id FROM conversations"])).toBe("write");
    // a WITH may end in a write: never guessed to be a read
    expect(modeFor(["WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x"])).toBe("write");
    expect(modeFor(["SELECTED"])).toBe("write");
  });
});
