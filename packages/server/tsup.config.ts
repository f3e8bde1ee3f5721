import { defineConfig } from "tsup";

export default defineConfig({
  // index: the library. cli: the `ogkit` binary (its shebang is kept and the file made executable).
  // worker: the render thread module, which the pool loads from beside the bundle that starts it.
  entry: { index: "src/index.ts", cli: "src/cli.ts", worker: "src/pool/worker.ts" },
  format: ["esm", "cjs"],
  dts: { entry: { index: "src/index.ts" } },
  sourcemap: true,
  clean: true,
  target: "es2022",
  // import.meta.url locates dist/worker.js; the CJS build needs it shimmed.
  shims: true,
});
