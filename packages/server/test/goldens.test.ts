import { describe, expect, it } from "vitest";
import { goldenCases } from "./golden-cases.js";
import { expectGolden } from "./golden-compare.js";

/** A golden fails past this share of differing pixels. */
const MAX_DIFF = 0.005;

describe("golden images (regenerate with npm run goldens -w @ogkit/server)", () => {
  it("covers every layout x theme, every pattern and the edge cases", () => {
    expect(Object.keys(goldenCases).length).toBeGreaterThanOrEqual(25);
  });

  for (const [name, query] of Object.entries(goldenCases)) {
    it(name, () => expectGolden(name, query, "satori", MAX_DIFF));
  }
});
