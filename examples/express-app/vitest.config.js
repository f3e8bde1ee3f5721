import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.js"],
    // Hang guards, not speed checks: real renders share 2 cores with the rest of `npm test` in CI.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
