import type { ImageFormat } from "@ogkit/sdk";
import { Resvg } from "@resvg/resvg-js";
import type SharpFunction from "sharp";
import { encodePng, opaqueScanlines, PNG_ZLIB_LEVEL, type Scanlines, scanlinesToRgb } from "./png.js";
import { copyPixels, type Pixels, rasterizeSvg, resvgOptions } from "./resvg.js";
import { unwrapGradientPatterns } from "./svg-optimize.js";

export const CONTENT_TYPES = {
  png: "image/png",
  jpeg: "image/jpeg",
  webp: "image/webp",
  svg: "image/svg+xml",
} as const satisfies Record<ImageFormat, string>;

type Sharp = typeof SharpFunction;

let sharpLoaded: Promise<Sharp> | undefined;

/**
 * sharp (libvips) is loaded on first use: PNG, every built-in card's format, is encoded on the
 * render thread (png.ts), and a server that never answers JPEG, WebP or a transparent image does
 * not pay libvips's memory and threads.
 */
function loadSharp(): Promise<Sharp> {
  sharpLoaded ??= import("sharp").then((module) => {
    const sharp = ((module as unknown as { default?: Sharp }).default ?? module) as Sharp;
    // One libvips thread per render: the server runs one render per worker and core.
    sharp.concurrency(1);
    sharp.cache(false);
    return sharp;
  });
  return sharpLoaded;
}

export type { Pixels } from "./resvg.js";

/**
 * Rasterizes with resvg's native build (@resvg/resvg-js), for what a thread draws once and keeps: a
 * theme's background and pattern layer (background.ts). Gradients and pattern tiles draw 2-3.7
 * times faster there than in the WebAssembly build (SIMD), but its tree and pixmap stay in Rust until
 * a collection finalizes their wrappers: for each card's content, see `rasterize`.
 */
export function rasterizeOnce(svg: string, width: number): Pixels {
  const rendered = new Resvg(unwrapGradientPatterns(svg), resvgOptions(width)).render();
  return { data: rendered.pixels, width: rendered.width, height: rendered.height };
}

/**
 * Rasterizes satori's SVG with resvg's WebAssembly build (resvg.ts), which frees each render's
 * memory at once and fails a render (not the process) on a panic: each card's content, and whole
 * cards (html and custom templates). `read` gets the pixels in resvg's memory, valid only while it
 * runs (see rasterizeSvg). `offscreenPixels`: what filter-bounds.ts reckons resvg will allocate off
 * screen (html templates).
 */
export function rasterize<T>(
  svg: string,
  width: number,
  read: (pixels: Pixels) => T,
  offscreenPixels?: number,
): Promise<T> {
  return rasterizeSvg(unwrapGradientPatterns(svg), width, read, offscreenPixels);
}

/**
 * Raw pixels through sharp: 4 channels premultiplied (resvg's, for an image that is not opaque) or 3.
 * PNG keeps its alpha here; JPEG is flattened on white.
 */
async function encodeWithSharp(
  pixels: Uint8Array,
  size: { width: number; height: number; channels: 3 | 4 },
  format: Exclude<ImageFormat, "svg">,
): Promise<Uint8Array> {
  const sharp = await loadSharp();
  // sharp reads raw pixels as unpremultiplied unless told: a half-transparent red would come out dark.
  const image = sharp(pixels, { raw: { ...size, premultiplied: size.channels === 4 } });
  const output =
    format === "png"
      ? image.png({ compressionLevel: PNG_ZLIB_LEVEL, adaptiveFiltering: false })
      : format === "jpeg"
        ? image.flatten({ background: "#ffffff" }).jpeg({ quality: 86, mozjpeg: false })
        : image.webp({ quality: 86, effort: 2 });
  return new Uint8Array(await output.toBuffer());
}

/**
 * Encodes an opaque card. PNG is made on this thread, synchronously, so `lines` may be a buffer the
 * caller reuses: JPEG and WebP copy it before their first await.
 */
export function encodeScanlines(lines: Scanlines, format: Exclude<ImageFormat, "svg">): Promise<Uint8Array> {
  if (format === "png") return Promise.resolve(encodePng(lines));
  const { width, height } = lines;
  return encodeWithSharp(scanlinesToRgb(lines), { width, height, channels: 3 }, format);
}

/** Rasterizes satori's SVG and encodes it from resvg's raw pixels (faster than resvg's own PNG encoder). */
export async function encode(
  svg: string,
  format: ImageFormat,
  width: number,
  offscreenPixels?: number,
): Promise<Uint8Array> {
  if (format === "svg") return new TextEncoder().encode(svg);
  // Opaque pixels become scanlines (a copy) at once; others keep their alpha for sharp, in a copy.
  const image = await rasterize(
    svg,
    width,
    (pixels) => opaqueScanlines(pixels.data, pixels.width) ?? { withAlpha: copyPixels(pixels) },
    offscreenPixels,
  );
  if (!("withAlpha" in image)) return encodeScanlines(image, format);
  const { data, width: w, height } = image.withAlpha;
  return encodeWithSharp(data, { width: w, height, channels: 4 }, format);
}
