import { parseOgParams } from "@ogkit/sdk";
import pixelmatch from "pixelmatch";
import { describe, expect, it } from "vitest";
import { buildCard } from "./index.js";
import { layoutElement } from "./render.js";
import { copyPixels, rasterizeSvg } from "./resvg.js";
import { unwrapGradientPatterns } from "./svg-optimize.js";

describe("unwrapGradientPatterns", () => {
  it.each([
    "theme=dark",
    "theme=gradient&icon=rocket",
    "theme=cyberpunk&brand=b",
    "theme=light&pattern=dots",
    "bgGradient=ff0000,0000ff&width=500&height=900",
  ])("draws the same pixels, with fewer patterns (%s)", async (query) => {
    const params = parseOgParams(`title=Gradients&${query}`);
    const { element } = await buildCard(params);
    const { svg } = await layoutElement(element, params);
    const optimized = unwrapGradientPatterns(svg);
    expect(optimized.split("<pattern").length).toBeLessThan(svg.split("<pattern").length);
    const [a, b] = [
      await rasterizeSvg(svg, params.width, copyPixels),
      await rasterizeSvg(optimized, params.width, copyPixels),
    ];
    const differing = pixelmatch(a.data, b.data, undefined, a.width, a.height, { threshold: 0.05 });
    expect(differing / (a.width * a.height)).toBeLessThan(0.001);
  });

  it("leaves a user-space gradient alone when an element using it is not at the origin", () => {
    const svg =
      '<svg><defs><pattern id="p" x="0" y="0" width="1" height="1" patternUnits="objectBoundingBox"><radialGradient id="g" gradientUnits="userSpaceOnUse" cx="5" cy="5" r="5"><stop offset="0" stop-color="red"/></radialGradient><rect x="0" y="0" width="10" height="10" fill="url(#g)"/></pattern></defs><rect x="20" y="0" width="10" height="10" fill="url(#p)"/></svg>';
    expect(unwrapGradientPatterns(svg)).toBe(svg);
    const atOrigin = svg.replace('x="20"', 'x="0"');
    expect(unwrapGradientPatterns(atOrigin)).not.toContain("<pattern");
  });

  it("judges each user-space gradient by the elements that use its own pattern", () => {
    const pattern = (id: string, gradient: string) =>
      `<pattern id="${id}" x="0" y="0" width="1" height="1" patternUnits="objectBoundingBox"><radialGradient id="${gradient}" gradientUnits="userSpaceOnUse" cx="5" cy="5" r="5"><stop offset="0" stop-color="red"/></radialGradient><rect x="0" y="0" width="10" height="10" fill="url(#${gradient})"/></pattern>`;
    // p1 is used at the origin only; p10 (whose id p1 is a prefix of) also off it.
    const svg = `<svg><defs>${pattern("p1", "g1")}${pattern("p10", "g10")}</defs><rect x="0" y="0" width="10" height="10" fill="url(#p1)"/><rect x="0" y="0" width="10" height="10" fill="url(#p10)"/><rect x="20" y="0" width="10" height="10" fill="url(#p10)"/></svg>`;
    const result = unwrapGradientPatterns(svg);
    expect(result).not.toContain('<pattern id="p1" ');
    expect(result).toContain('<radialGradient id="p1" ');
    expect(result).toContain(pattern("p10", "g10"));
  });
});
