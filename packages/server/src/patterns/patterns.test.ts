import { patterns } from "@ogkit/sdk";
import { describe, expect, it } from "vitest";
import { listPatterns, patternStyle, patternTiles } from "./index.js";

describe("patterns", () => {
  it("has one file-defined pattern per schema pattern", () => {
    expect(listPatterns()).toEqual([...patterns]);
    expect(Object.values(patternTiles).map((tile) => tile.name)).toEqual([...patterns]);
  });

  it("draws each pattern as a tiled SVG background in the given color, none as nothing", () => {
    expect(patternStyle("none", "#fff", 1)).toBeUndefined();
    for (const pattern of patterns.filter((name) => name !== "none")) {
      const style = patternStyle(pattern, "rgba(1, 2, 3, 0.5)", 1) as Record<string, string>;
      expect(style.backgroundImage).toMatch(/^url\("data:image\/svg\+xml;base64,/);
      expect(style.backgroundRepeat).toBe("repeat");
      const svg = Buffer.from(style.backgroundImage?.slice(31, -2) as string, "base64").toString();
      expect(svg, pattern).toContain("rgba(1, 2, 3, 0.5)");
    }
  });

  it("scales tiles with the card, never below 4px", () => {
    const size = (scale: number) => Number.parseInt(patternStyle("grid", "#000", scale)?.backgroundSize ?? "", 10);
    expect(size(2)).toBe(size(1) * 2);
    expect(size(0.01)).toBe(4);
  });
});
