import { OgError, parseOgParams } from "@ogkit/sdk";
import { describe, expect, it } from "vitest";
import { rejection } from "../../test/og-error.js";
import { rasterize } from "./encode.js";
import { boundOffscreen, MIN_OFFSCREEN_BUDGET_PX, OFFSCREEN_BUDGET_CARDS } from "./filter-bounds.js";
import { buildCard, renderCard } from "./index.js";
import { layoutElement } from "./render.js";
import { copyPixels } from "./resvg.js";

// Rasterizing a trigger without the bounds would allocate gigabytes or abort the process: only the
// SVG is inspected here. test/reliability/offscreen-memory.test.ts renders them in a child process.

const card = { width: 1200, height: 630 };

async function satoriSvg(html: string, size = card): Promise<string> {
  const { element } = await buildCard(parseOgParams({ title: "x", html, ...size }));
  return (await layoutElement(element, size)).svg;
}

/** The boxes of the filters the bounded SVG writes in user space (satori's are in percentages). */
function writtenRegions(svg: string): { x: number; y: number; width: number; height: number }[] {
  return [
    ...svg.matchAll(/<filter id="ogkit-bound-\d+" x="([^"]+)" y="([^"]+)" width="([^"]+)" height="([^"]+)"/g),
  ].map(([, x, y, width, height]) => ({ x: Number(x), y: Number(y), width: Number(width), height: Number(height) }));
}

/** Half a card around the card, where every layer stays (filter-bounds.ts's SAFE). */
function withinHalfACard(region: { x: number; y: number; width: number; height: number }): boolean {
  return (
    region.x >= -card.width / 2 &&
    region.y >= -card.height / 2 &&
    region.x + region.width <= card.width * 1.5 &&
    region.y + region.height <= card.height * 1.5
  );
}

const legit: Record<string, string> = {
  "a shadow on a normal-size box": `<div style="display:flex;width:100%;height:100%;align-items:center;justify-content:center;background:#eee"><div style="display:flex;width:600px;height:300px;border-radius:24px;background:white;box-shadow:0 10px 50px 20px rgba(0,0,0,0.4)">card</div></div>`,
  "a text-shadow on a 64px title": `<div style="display:flex;width:100%;height:100%;padding:60px;font-size:64px;color:white;background:#345;text-shadow:2px 2px 8px #000">A 64px title with a shadow</div>`,
  "inset and offset shadows, a drop-shadow and a blur": `<div style="display:flex;width:100%;height:100%;gap:40px;padding:40px;background:#fde"><div style="display:flex;width:300px;height:200px;border-radius:30px;box-shadow:inset 0 0 40px 10px rgba(0,0,0,.5), 10px 10px 0 blue"></div><div style="display:flex;width:200px;height:200px;border-radius:50%;background:orange;filter:drop-shadow(10px 10px 8px rgba(0,0,0,.5)) blur(1px)"></div></div>`,
  "tailwind's shadow-2xl on twenty chips": `<div style="display:flex;flex-wrap:wrap;width:100%;height:100%;gap:20px;padding:30px">${'<div class="shadow-2xl" style="display:flex;width:140px;height:50px;border-radius:25px;background:white">chip</div>'.repeat(20)}</div>`,
  "a rotated, scaled card with shadows": `<div style="display:flex;width:100%;height:100%;align-items:center;justify-content:center"><div style="display:flex;width:400px;height:200px;background:white;transform:rotate(12deg) scale(1.5);box-shadow:10px 10px 30px rgba(0,0,0,.5);text-shadow:2px 2px 2px red;font-size:40px">rotated</div></div>`,
  "translucent text overflowing the card": `<div style="display:flex;flex-direction:column;width:100%;height:100%;padding:40px;background:#222;color:#eee"><div style="display:flex;opacity:.75;font-size:32px;text-shadow:1px 1px 2px black">${"Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(30)}</div></div>`,
  "a layer three cards wide": `<div style="display:flex;width:100%;height:100%"><div style="display:flex;flex-shrink:0;width:3600px;height:200px;opacity:0.8;font-size:40px;background:linear-gradient(90deg,red,blue)">a wide translucent layer</div></div>`,
};

describe("boundOffscreen", () => {
  it.each(Object.entries(legit))("draws %s pixel for pixel as without the bounds", async (_, html) => {
    const svg = await satoriSvg(html);
    const bounded = boundOffscreen(svg, card);
    expect(bounded.pixels).toBeLessThan(bounded.budget);
    const before = (await rasterize(svg, card.width, copyPixels)).data;
    const after = (await rasterize(bounded.svg, card.width, copyPixels)).data;
    expect(Buffer.compare(Buffer.from(before), Buffer.from(after))).toBe(0);
  });

  it("regression: a 20000px-tall element under a shadow and scale(2) is bounded before resvg allocates gigabytes", async () => {
    // resvg allocated the whole region satori wrote in percentages of the element: about 4 GB.
    const svg = await satoriSvg(
      `<div style="display:flex;width:100%;height:100%"><div style="display:flex;flex-shrink:0;width:1200px;height:20000px;background:red;box-shadow:0 0 50px 600px blue;transform:scale(2)">x</div></div>`,
    );
    const bounded = boundOffscreen(svg, card);
    expect(bounded.clippedFilters).toBe(1);
    const [region] = writtenRegions(bounded.svg);
    expect(region && withinHalfACard(region), JSON.stringify(region)).toBe(true);
    // The filter's region and its results, the mask: a few cards, not the 5000 of before.
    expect(bounded.pixels).toBeLessThan(30 * card.width * card.height);
  });

  it("regression: text-shadow on text drawn far below the card, where resvg panicked and aborted the process, is not drawn", async () => {
    const svg = await satoriSvg(
      `<div style="display:flex;width:100%;height:100%;font-size:5000px;text-shadow:0 0 2px blue">x</div>`,
    );
    const bounded = boundOffscreen(svg, card);
    expect(bounded.hiddenLayers).toBe(1);
    expect(bounded.svg).toMatch(/<g display="none"><g filter="url\(#satori_s-[^"]+\)">/);
  });

  it.each([
    ["a shadow", "box-shadow:0 0 4px blue"],
    ["opacity", "opacity:0.5"],
    ["a clip path", "overflow:hidden;border-radius:10px"],
  ])("regression: %s on an element translated 6000px away (resvg aborted) is not drawn", async (_, style) => {
    const svg = await satoriSvg(
      `<div style="display:flex;transform:translate(6000px,0)"><div style="display:flex;width:100px;height:100px;background:red;${style}">x</div></div>`,
    );
    const bounded = boundOffscreen(svg, card);
    expect(bounded.hiddenLayers).toBeGreaterThan(0);
  });

  it("clips a layer reaching far outside the card with an identity filter, so layers inside it start near the card", async () => {
    const svg = await satoriSvg(legit["a layer three cards wide"] as string);
    const bounded = boundOffscreen(svg, card);
    expect(bounded.clippedLayers).toBe(1);
    expect(bounded.svg).toMatch(/<feOffset dx="0" dy="0"\/>/);
    const [region] = writtenRegions(bounded.svg);
    expect(region && withinHalfACard(region), JSON.stringify(region)).toBe(true);
  });

  it("clips a layer that would start far from the layers inside it (resvg aborted on those)", () => {
    // A layer from x=-3000 to the card starts where resvg's clip box, two cards around it, no
    // longer reaches the translucent square at x=1100 inside it.
    const svg = `<svg width="1200" height="630" viewBox="0 0 1200 630" xmlns="http://www.w3.org/2000/svg"><g opacity="0.5"><rect x="-3000" y="0" width="100" height="100" fill="red"/><g opacity="0.5"><rect x="1100" y="0" width="90" height="90" fill="blue"/></g></g></svg>`;
    const bounded = boundOffscreen(svg, card);
    expect(bounded.clippedLayers).toBe(1);
    const [region] = writtenRegions(bounded.svg);
    expect(region && withinHalfACard(region), JSON.stringify(region)).toBe(true);
  });

  it("refuses many shadowed elements past the budget with a 400 naming html, the limit and what was asked", async () => {
    const svg = await satoriSvg(
      `<div style="display:flex;width:100%;height:100%">${'<div style="display:flex;position:absolute;left:0;top:0;width:1200px;height:630px;box-shadow:0 0 50px 600px rgba(0,0,0,.1)"></div>'.repeat(60)}</div>`,
    );
    const error = (() => {
      try {
        boundOffscreen(svg, card);
      } catch (caught) {
        return caught;
      }
    })() as OgError;
    expect(error).toBeInstanceOf(OgError);
    expect(error.code).toBe("INVALID_PARAMS");
    expect(error.status).toBe(400);
    expect(error.issues).toEqual([{ path: "html", message: error.message }]);
    expect(error.message).toMatch(
      new RegExp(
        `^html asks the rasterizer for \\d+ million pixels of off-screen buffers .*; at most 48 million \\(${OFFSCREEN_BUDGET_CARDS} times the card's area\\) are allowed$`,
      ),
    );
  });

  it("answers html past the budget from renderCard with that 400", async () => {
    // 80 translucent layers the size of the card: cheap enough to draw should the bound fail.
    const html = `<div style="display:flex;width:100%;height:100%">${'<div style="display:flex;position:absolute;left:0;top:0;width:1200px;height:630px;opacity:0.99;background:red">x</div>'.repeat(80)}</div>`;
    const error = await rejection(renderCard(parseOgParams({ title: "x", html, ...card })));
    expect(error.status).toBe(400);
    expect(error.issues[0]?.path).toBe("html");
    expect(error.message).toMatch(/asks the rasterizer for \d+ million pixels/);
  });

  it("refuses a gradient whose tile resvg would paint at 20000px square", async () => {
    const svg = await satoriSvg(
      `<div style="display:flex;width:100%;height:100%;padding:10px"><div style="display:flex;flex-shrink:0;width:20000px;height:20000px;background:radial-gradient(circle,red,blue)">x</div></div>`,
    );
    expect(() => boundOffscreen(svg, card)).toThrow(/asks the rasterizer for 400 million pixels/);
  });

  it("gives small cards a floor of budget", () => {
    const svg = `<svg width="200" height="100" viewBox="0 0 200 100" xmlns="http://www.w3.org/2000/svg"><rect width="200" height="100" fill="red"/></svg>`;
    expect(boundOffscreen(svg, { width: 200, height: 100 }).budget).toBe(MIN_OFFSCREEN_BUDGET_PX);
  });

  it("refuses SVG it cannot follow rather than guess", () => {
    const svg = `<svg width="1200" height="630" viewBox="0 0 1200 630" xmlns="http://www.w3.org/2000/svg"><g opacity="0.5"><use href="#a"/></g></svg>`;
    expect(() => boundOffscreen(svg, card)).toThrow(/memory bounds cannot check \(<use>\)/);
  });
});
