// One real stack (sqld, wrangler dev with the rooms) is started for the whole suite by test/global-setup.ts.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "worker/**/*.test.ts", "party/**/*.test.ts", "contract/**/*.test.ts", "web/src/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // files share one database, and "a refused request changes nothing" compares whole-table snapshots
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 90_000,
    reporters: ["default"],
  },
});
