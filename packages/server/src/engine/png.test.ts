import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { allocScanlines, encodePng, opaqueScanlines, scanlineStride, scanlinesToRgb } from "./png.js";

/** A w x h gradient-and-noise image as RGBA, opaque. */
function sample(width: number, height: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba.set([(i * 7) % 256, (i >> 3) % 256, (i * 13 + (i % width)) % 256, 255], i * 4);
  }
  return rgba;
}

describe("opaqueScanlines", () => {
  it("drops the alpha and starts each row with filter byte 0", () => {
    const lines = opaqueScanlines(new Uint8Array([1, 2, 3, 255, 4, 5, 6, 255, 7, 8, 9, 255, 10, 11, 12, 255]), 2);
    expect(lines).toEqual({ width: 2, height: 2, data: new Uint8Array([0, 1, 2, 3, 4, 5, 6, 0, 7, 8, 9, 10, 11, 12]) });
  });

  it("refuses an image with any pixel not opaque", () => {
    expect(opaqueScanlines(new Uint8Array([1, 2, 3, 255, 4, 5, 6, 254]), 2)).toBeUndefined();
  });
});

describe("scanlinesToRgb", () => {
  it("strips the filter bytes", () => {
    const lines = { width: 1, height: 2, data: new Uint8Array([0, 1, 2, 3, 0, 4, 5, 6]) };
    expect([...scanlinesToRgb(lines)]).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe("encodePng", () => {
  it("writes a PNG that decoders read back pixel for pixel", async () => {
    const rgba = sample(37, 23);
    const png = encodePng(opaqueScanlines(rgba, 37)!);
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect(info).toMatchObject({ width: 37, height: 23, channels: 3, format: "raw" });
    expect([...data]).toEqual([...scanlinesToRgb(opaqueScanlines(rgba, 37)!)]);
    const meta = await sharp(png).metadata();
    expect(meta).toMatchObject({ format: "png", space: "srgb", channels: 3, depth: "uchar", hasAlpha: false });
  });

  it("compresses: a flat card is some kilobytes, not its 2 MB of pixels", () => {
    const lines = allocScanlines(1200, 630);
    expect(lines.data.length).toBe(scanlineStride(1200) * 630);
    expect(encodePng(lines).length).toBeLessThan(16 * 1024);
  });

  it("refuses scanlines of the wrong size", () => {
    expect(() => encodePng({ width: 2, height: 2, data: new Uint8Array(13) })).toThrow(RangeError);
  });
});
