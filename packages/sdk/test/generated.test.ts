import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parametersDoc } from "../scripts/generate-docs.js";
import { iconNamesSource } from "../scripts/generate-icon-names.js";
import { testVectors } from "../scripts/generate-test-vectors.js";

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");

describe("generated files are up to date (npm run generate -w @ogkit/sdk)", () => {
  it("src/generated/lucide-icon-names.ts matches the installed lucide-static", () => {
    expect(read("../src/generated/lucide-icon-names.ts")).toBe(iconNamesSource());
  });

  it("docs/parameters.md matches the schema", () => {
    expect(read("../../../docs/parameters.md")).toBe(parametersDoc());
  });

  it("test-vectors.json matches what the SDK builds", () => {
    expect(read("../test-vectors.json")).toBe(`${JSON.stringify(testVectors(), null, 2)}\n`);
  });
});
