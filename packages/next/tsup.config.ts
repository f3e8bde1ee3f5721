import { defineConfig } from "tsup";

export default defineConfig({
  // Two entries on purpose: `.` (Metadata helpers, no renderer) and `./route` (reuses @ogkit/server).
  entry: ["src/index.ts", "src/route.ts"],
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
});
