// The suite runs twice against real stacks, each started by test/global-setup.ts with its own sqld:
// - "dev": every test, with the worker and its rooms in `wrangler dev` (what `npm run dev` runs);
// - "deployed": the API tests again, with the worker as `wrangler deploy` ships it (its dry-run bundle in
//   Miniflare, with the assets router in front), so the product is tested in both runtimes.
// Unit tests (worker/, party/, contract/, web/src/) need no stack and run in "dev" only.
import { defineConfig } from "vitest/config";

const api = ["test/*.test.ts"];
const unit = ["worker/**/*.test.ts", "party/**/*.test.ts", "contract/**/*.test.ts", "web/src/**/*.test.ts"];

export default defineConfig({
  test: {
    // files of one project share its database, and "a refused request changes nothing" compares whole-table
    // snapshots: one file at a time
    fileParallelism: false,
    testTimeout: 30_000,
    // a condition awaited with expect.poll gets 10 s to come true, whatever the machine's load (the default is 1 s)
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 90_000,
    reporters: ["default"],
    projects: [
      // each project names the global setup itself: set in the root, it would run once, for the root, and both
      // projects would share one stack
      { extends: true, test: { name: "dev", globalSetup: ["test/global-setup.ts"], include: [...api, "test/browser/*.test.ts", ...unit] } },
      // deployed-bundle.test.ts already runs that bundle beside the dev stack; faults.test.ts runs a worker of its own
      { extends: true, test: { name: "deployed", globalSetup: ["test/global-setup.ts"], include: api, exclude: ["test/deployed-bundle.test.ts", "test/faults.test.ts"] } },
    ],
  },
});
