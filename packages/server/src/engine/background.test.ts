import { parseOgParams } from "@ogkit/sdk";
import sharp from "sharp";
import { describe, expect, it, vi } from "vitest";
import { BackgroundCache, compositeOver, splitLayers } from "./background.js";
import type { Pixels } from "./encode.js";
import { buildCard, renderCard, renderElement } from "./index.js";
import type { Scanlines } from "./png.js";
import type { OgElement } from "./types.js";

async function rgb(image: Uint8Array) {
  return sharp(image).removeAlpha().raw().toBuffer();
}

function maxChannelDifference(a: Uint8Array, b: Uint8Array): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

const div = (style: Record<string, unknown>, children: unknown[] = []): OgElement => ({
  type: "div",
  props: { style, children },
});

describe("splitLayers", () => {
  it("moves the root's fill and the pattern into the background and keeps the rest over it", async () => {
    const { element } = await buildCard(parseOgParams("title=Split&pattern=dots&theme=dark&brand=b"));
    const layers = splitLayers(element, 1200, 630)!;
    const background = layers.background.props;
    expect(background.style).toMatchObject({ width: 1200, height: 630 });
    expect(background.style?.backgroundImage).toContain("radial-gradient");
    expect(background.children).toHaveLength(1);
    expect(JSON.stringify(background.children)).toContain("data:image/svg+xml");
    const foreground = layers.foreground.props;
    expect(foreground.style).not.toHaveProperty("backgroundColor");
    expect(foreground.style).not.toHaveProperty("backgroundImage");
    expect(foreground.style).toMatchObject({ fontFamily: "Inter", width: 1200, height: 630 });
    expect(JSON.stringify(foreground)).not.toContain("data:image/svg+xml;base64,PHN2Zy");
    expect(JSON.stringify(foreground)).toContain("Split");
  });

  it("keys the background by what draws it: the same for two titles, different for another pattern", async () => {
    const key = async (query: string) => splitLayers((await buildCard(parseOgParams(query))).element, 1200, 630)?.key;
    expect(await key("title=One&pattern=grid")).toBe(await key("title=Two&pattern=grid&icon=rocket"));
    expect(await key("title=One&pattern=grid")).not.toBe(await key("title=One&pattern=dots"));
    expect(await key("title=One&pattern=grid")).not.toBe(await key("title=One&pattern=grid&bgColor=123456"));
  });

  it("renders whole what it cannot prove equivalent: other root styles, another size, a layer over the content", () => {
    const fill = { display: "flex", width: 100, height: 100, backgroundColor: "#000" };
    expect(splitLayers(div(fill, ["x"]), 100, 100)).toBeDefined();
    expect(splitLayers(div({ ...fill, borderRadius: 12 }, ["x"]), 100, 100)).toBeUndefined();
    expect(splitLayers(div({ ...fill, opacity: 0.5 }, ["x"]), 100, 100)).toBeUndefined();
    expect(splitLayers(div(fill, ["x"]), 100, 50)).toBeUndefined();
    // A positioned layer without z-index -1 is painted over the content: it stays in the foreground.
    const overlay = div({ position: "absolute", top: 0, left: 0, width: 100, height: 100, backgroundColor: "#f00" });
    const split = splitLayers(div(fill, [overlay, "x"]), 100, 100)!;
    expect(split.background.props.children).toEqual([]);
    expect(split.foreground.props.children).toEqual([overlay, "x"]);
  });

  it("does not split a card too large to keep its layer", () => {
    const fill = { display: "flex", width: 4000, height: 4000, backgroundColor: "#000" };
    expect(splitLayers(div(fill, ["x"]), 4000, 4000)).toBeUndefined();
  });
});

/** Scanlines of rows of RGB pixels (filter byte 0 added to each row). */
const lines = (width: number, rows: number[][]): Scanlines => ({
  data: new Uint8Array(rows.flatMap((row) => [0, ...row])),
  width,
  height: rows.length,
});

const pixels = (width: number, data: number[]): Pixels => ({
  data: new Uint8Array(data),
  width,
  height: data.length / 4 / width,
});

describe("compositeOver", () => {
  it("lays premultiplied pixels over an opaque background: empty, opaque and half-covered", () => {
    const background = lines(3, [[10, 20, 30, 200, 100, 0, 40, 80, 120]]);
    const foreground = new Uint8Array([0, 0, 0, 0, 1, 2, 3, 255, 64, 0, 0, 128]);
    expect([...compositeOver(background, foreground).data]).toEqual([0, 10, 20, 30, 1, 2, 3, 84, 40, 60]);
    // Two rows, the first empty: skipped whole. Each row keeps its filter byte.
    expect([
      ...compositeOver(
        lines(1, [
          [10, 20, 30],
          [200, 100, 0],
        ]),
        new Uint8Array([0, 0, 0, 0, 9, 9, 9, 255]),
      ).data,
    ]).toEqual([0, 10, 20, 30, 0, 9, 9, 9]);
  });

  it("writes into the buffer it is given, overwriting what the last card left there", () => {
    const into = lines(1, [[7, 7, 7]]);
    const result = compositeOver(lines(1, [[1, 2, 3]]), new Uint8Array([0, 0, 0, 0]), into);
    expect(result).toBe(into);
    expect([...into.data]).toEqual([0, 1, 2, 3]);
  });

  it("refuses layers of different sizes", () => {
    expect(() =>
      compositeOver(
        lines(1, [
          [0, 0, 0],
          [0, 0, 0],
        ]),
        new Uint8Array(4),
      ),
    ).toThrow(RangeError);
    expect(() => compositeOver(lines(3, [[0, 0, 0, 0, 0, 0, 0, 0, 0]]), new Uint8Array(8))).toThrow(RangeError);
    expect(() =>
      compositeOver(
        lines(1, [[0, 0, 0]]),
        new Uint8Array(4),
        lines(1, [
          [0, 0, 0],
          [0, 0, 0],
        ]),
      ),
    ).toThrow(RangeError);
  });
});

describe("BackgroundCache", () => {
  it("rasterizes a layer once for renders that ask at the same time, and remembers a transparent one", async () => {
    const cache = new BackgroundCache();
    const rasterize = vi.fn(async () => pixels(1, [1, 2, 3, 255]));
    const [a, b] = await Promise.all([cache.get("k", rasterize), cache.get("k", rasterize)]);
    expect(a).toEqual(lines(1, [[1, 2, 3]]));
    expect(b).toBe(a);
    expect(await cache.get("k", rasterize)).toBe(a);
    expect(rasterize).toHaveBeenCalledTimes(1);
    const transparent = vi.fn(async () => pixels(1, [0, 0, 0, 0]));
    expect(await cache.get("t", transparent)).toBeNull();
    expect(await cache.get("t", transparent)).toBeNull();
    expect(transparent).toHaveBeenCalledTimes(1);
  });

  it("forgets a failed rasterization, so the next render tries again", async () => {
    const cache = new BackgroundCache();
    await expect(cache.get("k", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await cache.get("k", async () => pixels(1, [9, 9, 9, 255]))).toEqual(lines(1, [[9, 9, 9]]));
  });
});

describe("layered rendering", () => {
  const cases = [
    "title=Dark dots&subtitle=Sub&caption=Cap&theme=dark&pattern=dots&icon=code&brand=b",
    "title=Light&theme=light&icon=rocket&brand=b",
    "title=Gradient waves&theme=gradient&pattern=waves&brand=b",
    "title=Cyberpunk circuit&theme=cyberpunk&pattern=circuit&icon=cpu",
    "title=Metric&layout=metric&value=99%25&label=up&theme=minimal&pattern=grid",
    "title=Bold diagonal&theme=bold&pattern=diagonal&size=square",
    "title=Own colors&bgGradient=7c2d12,1e1b4b&pattern=dots&width=640&height=360",
  ];

  it.each(cases)("draws the same image as the whole tree: %s", async (query) => {
    const params = parseOgParams(query);
    const layered = await renderCard(params);
    const { element } = await buildCard(params);
    const whole = await renderElement(element, params);
    // 8-bit rounding of the two blends apart, the images are the same.
    expect(maxChannelDifference(await rgb(layered.body), await rgb(whole.body))).toBeLessThanOrEqual(2);
    expect(await sharp(layered.body).metadata()).toMatchObject({ width: params.width, height: params.height });
  });

  it("regression: the pattern is painted under the text, not over it", async () => {
    const { element } = await buildCard(parseOgParams("title=Under&pattern=dots"));
    const whole = await renderElement(element, { width: 1200, height: 630, format: "svg" });
    const svg = new TextDecoder().decode(whole.body);
    // The pattern is a <pattern> of the tile image; the rect it fills is the pattern layer.
    const tile = /<pattern id="([^"]+)"[^>]*><image /.exec(svg)?.[1];
    expect(tile).toBeDefined();
    const patternRect = svg.indexOf(`fill="url(#${tile})"`);
    const titleText = svg.indexOf('<path fill="#f8fafc"');
    expect(patternRect).toBeGreaterThan(0);
    expect(titleText).toBeGreaterThan(patternRect);
  });

  it("regression: half-transparent pixels keep their color (sharp read resvg's premultiplied pixels as straight)", async () => {
    // A custom template's tree renders whole, with its alpha.
    const element = div({ display: "flex", width: 20, height: 10, backgroundColor: "rgba(255, 0, 0, 0.5)" });
    const { body } = await renderElement(element, { width: 20, height: 10, format: "png" });
    const pixels = await sharp(body).ensureAlpha().raw().toBuffer();
    expect(pixels[3]).toBeGreaterThanOrEqual(127);
    expect(pixels[3]).toBeLessThanOrEqual(128);
    expect(pixels[0]).toBeGreaterThanOrEqual(254);
    expect([pixels[1], pixels[2]]).toEqual([0, 0]);
  });
});
