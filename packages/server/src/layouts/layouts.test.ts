import { layouts, parseOgParams, sizePresets, themes } from "@ogkit/sdk";
import { describe, expect, it } from "vitest";
import { buildCard } from "../engine/index.js";
import { layoutElement } from "../engine/render.js";
import { titleSizeFor } from "./standard.js";

const SIZES = [
  ...Object.values(sizePresets),
  { width: 200, height: 100 },
  { width: 2400, height: 1260 },
  { width: 2400, height: 100 },
  { width: 200, height: 1260 },
];
const WORDS = "Shipping production-ready observability for teams of every size with one small library ".repeat(4);
const TITLES = [1, 20, 60, 120, 200].map((length) => WORDS.slice(0, length).trim() || "W");
TITLES.push("x".repeat(200), `Unbroken ${"Supercalifragilistic".repeat(9)}`.slice(0, 200));

describe("layouts", () => {
  it("has one layout per schema layout", async () => {
    for (const layout of layouts) {
      const { diagnostics } = await buildCard(parseOgParams({ title: "x", layout, value: "1" }));
      expect(diagnostics.layout).toBe(layout);
    }
  });

  it("steps the title size down with its length, in several steps", () => {
    const sizes = [1, 10, 24, 40, 70, 110, 150, 200].map(titleSizeFor);
    expect(new Set(sizes).size).toBeGreaterThanOrEqual(6);
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
  });

  it("scales type with the card", async () => {
    const small = await buildCard(parseOgParams({ title: "Hello", width: 600, height: 315 }));
    const og = await buildCard(parseOgParams({ title: "Hello" }));
    const large = await buildCard(parseOgParams({ title: "Hello", width: 2400, height: 1260 }));
    expect(small.diagnostics.titleFontSize * 2).toBeCloseTo(og.diagnostics.titleFontSize, -1);
    expect(large.diagnostics.titleFontSize).toBeCloseTo(og.diagnostics.titleFontSize * 2, -1);
  });

  // Every text block, as satori lays it out, stays inside the card and above the bottom bar.
  for (const layout of layouts) {
    it(`${layout}: 1 to 200 characters fit at every size without overflowing`, async () => {
      for (const { width, height } of SIZES) {
        for (const title of TITLES) {
          const params = parseOgParams({
            title,
            subtitle: WORDS.slice(0, 150),
            caption: "8 min read · March 2026",
            brand: "ogkit.dev",
            icon: "rocket",
            layout,
            value: layout === "metric" ? "$1,234,567.89" : undefined,
            label: layout === "metric" ? "up 18% from last month across all regions" : undefined,
            width,
            height,
          });
          const { element, diagnostics } = await buildCard(params);
          const { nodes } = await layoutElement(element, { width, height });
          const where = `${width}x${height} ${title.length} chars`;
          const bar = nodes.get("bar");
          const bottom = bar ? bar.top : height;
          expect(diagnostics.titleLines, where).toBeGreaterThanOrEqual(1);
          for (const [key, box] of nodes) {
            if (key === "content" || key === "bar") continue;
            const limit = key === "brand" ? height : bottom;
            expect(box.left, `${where} ${key} left`).toBeGreaterThanOrEqual(0);
            expect(box.top, `${where} ${key} top`).toBeGreaterThanOrEqual(0);
            expect(box.left + box.width, `${where} ${key} right`).toBeLessThanOrEqual(width);
            expect(box.top + box.height, `${where} ${key} bottom`).toBeLessThanOrEqual(limit + 0.5);
          }
        }
      }
    }, 30_000);
  }

  it("draws every theme with the metric layout", async () => {
    for (const theme of themes) {
      const { diagnostics } = await buildCard(parseOgParams({ title: "MAU", layout: "metric", value: "1.2M", theme }));
      expect(diagnostics).toMatchObject({ theme, layout: "metric", truncated: false });
    }
  });
});
