// The stack's secrets never appear on a command line, where anyone on the machine could read them with `ps`:
// wrangler dev reads them from a file only this user can read, the deployed bundle's runner from its environment.
import { execFileSync } from "node:child_process";
import { expect, it } from "vitest";
import { realtimeSecret } from "./helpers";

it("keeps REALTIME_SECRET off every process's command line", () => {
  const commandLines = execFileSync("ps", ["-A", "-o", "args="], { encoding: "utf8" });
  expect(commandLines).toMatch(/wrangler|deployed\.mjs|workerd/); // the stack is there to be seen
  expect(commandLines.includes(realtimeSecret)).toBe(false);
});
