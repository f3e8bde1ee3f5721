import { defineConfig } from "vitest/config";

export default defineConfig({
  // Workspace packages from source, as `npm run bench` runs them (see packages/server/vitest.config.ts).
  resolve: { conditions: ["@ogkit/source"] },
  ssr: { resolve: { conditions: ["@ogkit/source"] } },
  test: {
    include: ["src/**/*.test.ts"],
    // A hang guard, not a speed check: the smoke run renders a few cards and starts two servers.
    testTimeout: 180_000,
  },
});
