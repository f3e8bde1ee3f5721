import { defineConfig } from "vitest/config";

export default defineConfig({
  // Workspace packages from source: vitest runs tests in the SSR environment, whose conditions are
  // ssr.resolve.conditions (resolve.conditions alone does not reach them).
  resolve: { conditions: ["@ogkit/source"] },
  ssr: { resolve: { conditions: ["@ogkit/source"] } },
  test: {
    // Hang guards, not speed checks: real renders share 2 cores with the rest of `npm test` in CI.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: "express5",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          typecheck: { enabled: true, include: ["src/**/*.test-d.ts", "test/**/*.test-d.ts"] },
        },
      },
      {
        // The same router tests against Express 4: `express` resolves to the `express4` alias here.
        extends: true,
        resolve: { alias: [{ find: /^express$/, replacement: "express4" }] },
        test: { name: "express4", include: ["test/express.test.ts"] },
      },
    ],
  },
});
