import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Runs against the built package (turbo builds before testing), as a user's project would load it.
const cwd = fileURLToPath(new URL("..", import.meta.url));
const run = (code: string, type: "module" | "commonjs") =>
  execFileSync(process.execPath, [`--input-type=${type}`, "-e", code], { cwd, encoding: "utf8" }).trim();

describe("published entry points", () => {
  it("import { ogUrl } from '@ogkit/sdk' works from ESM", () => {
    expect(run(`import { ogUrl } from "@ogkit/sdk"; console.log(ogUrl({ title: "ESM" }));`, "module")).toBe(
      "/api/v1/og?title=ESM",
    );
  });

  it("require('@ogkit/sdk') works from CJS", () => {
    expect(
      run(
        `const { ogUrl, OgError } = require("@ogkit/sdk"); console.log(ogUrl({ title: "CJS" }), typeof OgError);`,
        "commonjs",
      ),
    ).toBe("/api/v1/og?title=CJS function");
  });

  it("ships the test vectors", () => {
    expect(run(`console.log(require("@ogkit/sdk/test-vectors.json").vectors.length > 0)`, "commonjs")).toBe("true");
  });
});
