import { describe, expect, it } from "vitest";
import { rasterizeOnce } from "./encode.js";
import { copyPixels, loadResvg, RETIRE_AFTER_PIXELS, rasterizeSvg, resvgInstancesStarted } from "./resvg.js";

const square = (fill: string, size = 10) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><rect width="${size}" height="${size}" fill="${fill}"/></svg>`;

/** The first pixel, RGBA, and that every pixel is the same. */
function uniform(pixels: { data: Uint8Array }): number[] {
  const first = [...pixels.data.subarray(0, 4)];
  for (let i = 0; i < pixels.data.length; i += 4) {
    expect([...pixels.data.subarray(i, i + 4)]).toEqual(first);
  }
  return first;
}

describe("rasterizeSvg", () => {
  it("draws an SVG at the width asked, premultiplied RGBA", async () => {
    const pixels = await rasterizeSvg(square("red"), 30, copyPixels);
    expect([pixels.width, pixels.height, pixels.data.length]).toEqual([30, 30, 30 * 30 * 4]);
    expect(uniform(pixels)).toEqual([255, 0, 0, 255]);
    // Premultiplied: blue scaled by the alpha (half of 255, rounded down).
    expect(await rasterizeSvg(square("rgba(0,0,255,0.5)"), 10, uniform)).toEqual([0, 0, 127, 127]);
  });

  it("hands `read` the pixels where resvg drew them, not the bindings' copy", async () => {
    const where = await rasterizeSvg(square("red", 1200), 1200, ({ data }) => ({
      length: data.length,
      // A copy would be an ArrayBuffer of its own; resvg's pixels are a view of its WebAssembly memory.
      bufferLength: data.buffer.byteLength,
      first: [...data.subarray(0, 4)],
    }));
    expect(where.length).toBe(1200 * 1200 * 4);
    expect(where.bufferLength).toBeGreaterThan(where.length);
    expect(where.first).toEqual([255, 0, 0, 255]);
  });

  it("copyPixels gives pixels that stay after the render", async () => {
    const kept = await rasterizeSvg(square("blue"), 10, copyPixels);
    await rasterizeSvg(square("red"), 10, () => undefined);
    expect(uniform(kept)).toEqual([0, 0, 255, 255]);
  });

  it("keeps one instance for card-sized renders", async () => {
    await loadResvg();
    const before = resvgInstancesStarted();
    for (let i = 0; i < 5; i++) await rasterizeSvg(square("green", 1200), 1200, () => undefined, 0);
    expect(resvgInstancesStarted()).toBe(before);
  });

  it("starts a new instance after a render that asked for more than RETIRE_AFTER_PIXELS, and draws the same with it", async () => {
    await loadResvg();
    const before = resvgInstancesStarted();
    // The canvas and the off-screen buffers an html template declared, together over the bound.
    await rasterizeSvg(square("red"), 10, () => undefined, RETIRE_AFTER_PIXELS);
    expect(resvgInstancesStarted()).toBe(before);
    expect(await rasterizeSvg(square("red"), 10, uniform)).toEqual([255, 0, 0, 255]);
    expect(resvgInstancesStarted()).toBe(before + 1);
    // A render at the bound keeps it.
    await rasterizeSvg(square("red"), 10, () => undefined, RETIRE_AFTER_PIXELS - 100);
    await rasterizeSvg(square("red"), 10, () => undefined);
    expect(resvgInstancesStarted()).toBe(before + 1);
  });

  it("regression: a trap in resvg (its memory exhausted) retires the instance, and the next render works", async () => {
    await loadResvg();
    const before = resvgInstancesStarted();
    // 40000 x 40000 pixels is more than a WebAssembly memory holds: resvg aborts, which traps.
    await expect(rasterizeSvg(square("red"), 40_000, () => undefined)).rejects.toThrow(WebAssembly.RuntimeError);
    expect(await rasterizeSvg(square("blue"), 10, uniform)).toEqual([0, 0, 255, 255]);
    expect(resvgInstancesStarted()).toBe(before + 1);
  });

  it("regression: a layer outside resvg's clip, which panicked the native build and aborted the process, fails only its render", async () => {
    await loadResvg();
    const before = resvgInstancesStarted();
    // Opacity on a group 3000px to the right of a 1200px canvas (see filter-bounds.ts).
    const outside = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"><g transform="translate(3000,0)"><g opacity="0.5"><rect width="100" height="100" fill="red"/></g></g></svg>`;
    await expect(rasterizeSvg(outside, 1200, () => undefined)).rejects.toThrow(WebAssembly.RuntimeError);
    expect(await rasterizeSvg(square("red"), 10, uniform)).toEqual([255, 0, 0, 255]);
    expect(resvgInstancesStarted()).toBe(before + 1);
  });

  it("refuses an SVG resvg cannot parse with resvg's message, and keeps the instance", async () => {
    await loadResvg();
    const before = resvgInstancesStarted();
    await expect(rasterizeSvg("<svg", 10, () => undefined)).rejects.toThrow(/SVG data parsing failed/);
    expect(await rasterizeSvg(square("red"), 10, uniform)).toEqual([255, 0, 0, 255]);
    expect(resvgInstancesStarted()).toBe(before);
  });
});

describe("rasterizeOnce", () => {
  it("draws a background (gradient, pattern tile) with the native build, byte for byte as the WebAssembly build does", async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="150"><defs><linearGradient id="g"><stop offset="0" stop-color="#0f172a"/><stop offset="1" stop-color="#4338ca"/></linearGradient><pattern id="p" width="24" height="24" patternUnits="userSpaceOnUse"><circle cx="12" cy="12" r="2" fill="rgba(255,255,255,0.2)"/></pattern></defs><rect width="300" height="150" fill="url(#g)"/><rect width="300" height="150" fill="url(#p)"/></svg>`;
    const native = rasterizeOnce(svg, 600);
    const wasm = await rasterizeSvg(svg, 600, copyPixels);
    expect([native.width, native.height]).toEqual([600, 300]);
    expect(Buffer.compare(Buffer.from(native.data), Buffer.from(wasm.data))).toBe(0);
    // Not one flat color: the gradient runs left to right.
    expect(native.data[2]).toBeLessThan(native.data[(600 - 1) * 4 + 2] as number);
  });
});
