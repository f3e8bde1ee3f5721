import { defineConfig } from "vitest/config";

export default defineConfig({
  // Workspace packages from source: vitest runs tests in the SSR environment, whose conditions are
  // ssr.resolve.conditions (resolve.conditions alone does not reach them).
  resolve: { conditions: ["@ogkit/source"] },
  ssr: { resolve: { conditions: ["@ogkit/source"] } },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Hang guards, not speed checks: real renders share 2 cores with the rest of `npm test` in CI.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    typecheck: { enabled: true, include: ["src/**/*.test-d.ts", "test/**/*.test-d.ts"] },
  },
});
