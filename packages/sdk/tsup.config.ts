import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  // ESM-only upstream; bundling its two small modules keeps the CJS entry self-contained.
  noExternal: ["@noble/hashes"],
});
