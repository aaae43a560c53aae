// The import rules `npm run typecheck` and `npm test` enforce (dependency-cruiser): no circle anywhere, and the
// floors of docs/ARCHITECTURE.md ("House rules") kept, so a lower one never reaches into a higher one.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "A module that reaches itself again through its imports (type-only imports count: they bind the two files all the same).",
      from: {},
      to: { circular: true },
    },
    {
      name: "contract-imports-valibot-only",
      severity: "error",
      comment: "contract/ is what worker, rooms and client agree on: it imports valibot and itself, nothing else.",
      from: { path: "^contract/" },
      to: { pathNot: ["^contract/", "^node_modules/valibot/"] },
    },
    {
      name: "party-not-to-worker",
      severity: "error",
      comment: "A room is handed what it needs (party/room.ts: mayEnter) and never imports the worker.",
      from: { path: "^party/" },
      to: { path: ["^worker/", "^web/"] },
    },
    {
      name: "db-is-the-floor",
      severity: "error",
      comment: "worker/db/ knows the database only: no Hono, no auth, no routes, no realtime, no env.",
      from: { path: "^worker/db/" },
      to: { path: ["^node_modules/hono/", "^worker/(auth|routes|realtime|env)", "^worker/(app|access|validate|errors)\\.ts$"] },
    },
    {
      name: "env-is-types-only",
      severity: "error",
      comment: "worker/env.ts describes bindings and request variables: types only, imported by everyone.",
      from: { path: "^worker/env\\.ts$" },
      to: { dependencyTypesNot: ["type-only"] },
    },
    {
      name: "web-takes-worker-types-only",
      severity: "error",
      comment: "The client sees the worker through its types (the typed client), never its code.",
      from: { path: "^web/" },
      to: { path: ["^worker/", "^party/"], dependencyTypesNot: ["type-only"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["(^|/)node_modules/", "(^|/)dist/", "^\\.", "^test-output/", "^migrations/"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.node.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], mainFields: ["module", "main", "types", "typings"], extensions: [".ts", ".tsx", ".js", ".mjs", ".json"], conditionNames: ["import", "types", "default"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
