import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // `next build` runs in beforeAll.
    hookTimeout: 300_000,
    testTimeout: 60_000,
  },
});
