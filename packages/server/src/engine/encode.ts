import type { ImageFormat } from "@ogkit/sdk";
import { Resvg } from "@resvg/resvg-js";
import sharp from "sharp";
import { unwrapGradientPatterns } from "./svg-optimize.js";

export const CONTENT_TYPES = {
  png: "image/png",
  jpeg: "image/jpeg",
  webp: "image/webp",
  svg: "image/svg+xml",
} as const satisfies Record<ImageFormat, string>;

// One libvips thread per render: the server runs one render per worker and core.
sharp.concurrency(1);
sharp.cache(false);

/** Pixels as resvg leaves them: RGBA, premultiplied by alpha, row after row. */
export interface Pixels {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Rasterizes satori's SVG with resvg, system fonts off: satori already turned text into paths. */
export function rasterize(svg: string, width: number): Pixels {
  const rendered = new Resvg(unwrapGradientPatterns(svg), {
    fitTo: { mode: "width", value: width },
    font: { loadSystemFonts: false },
  }).render();
  return { data: rendered.pixels, width: rendered.width, height: rendered.height };
}

/**
 * PNG from raw pixels with sharp: zlib level 2 without filtering. Measured on the benchmark's cards
 * (docs/performance.md): level 3 took half as long again for 5% fewer bytes, adaptive filtering three
 * times as long; resvg's own encoder is slower than either.
 */
const PNG_OPTIONS = { compressionLevel: 2, adaptiveFiltering: false } as const;

/**
 * Encodes raw pixels: 4 channels premultiplied (resvg's; only html templates and custom templates
 * leave alpha below 255) or 3 (an opaque card, see background.ts: a quarter fewer bytes to compress).
 */
export async function encodePixels(
  pixels: Uint8Array,
  size: { width: number; height: number; channels: 3 | 4 },
  format: Exclude<ImageFormat, "svg">,
): Promise<Uint8Array> {
  // sharp reads raw pixels as unpremultiplied unless told: a half-transparent red would come out dark.
  const image = sharp(pixels, { raw: { ...size, premultiplied: size.channels === 4 } });
  const output =
    format === "png"
      ? image.png(PNG_OPTIONS)
      : format === "jpeg"
        ? image.flatten({ background: "#ffffff" }).jpeg({ quality: 86, mozjpeg: false })
        : image.webp({ quality: 86, effort: 2 });
  return new Uint8Array(await output.toBuffer());
}

/** Rasterizes satori's SVG and encodes it from resvg's raw pixels (faster than resvg's own PNG encoder). */
export async function encode(svg: string, format: ImageFormat, width: number): Promise<Uint8Array> {
  if (format === "svg") return new TextEncoder().encode(svg);
  const pixels = rasterize(svg, width);
  return encodePixels(pixels.data, { width: pixels.width, height: pixels.height, channels: 4 }, format);
}
