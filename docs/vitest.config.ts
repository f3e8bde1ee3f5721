import { defineConfig } from "vitest/config";

export default defineConfig({
  // Workspace packages from source: vitest runs tests in the SSR environment, whose conditions are
  // ssr.resolve.conditions (resolve.conditions alone does not reach them).
  resolve: { conditions: ["@ogkit/source"] },
  ssr: { resolve: { conditions: ["@ogkit/source"] } },
  test: {
    include: ["test/**/*.test.ts"],
    // Hang guards, not speed checks: a few in-process renders share 2 cores with the rest of CI.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
