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

/**
 * Rasterizes satori's SVG with resvg (system fonts off: satori already turned text into paths) and
 * encodes from resvg's raw pixels with sharp, whose fast zlib level beats resvg's own PNG encoder.
 */
export async function encode(svg: string, format: ImageFormat, width: number): Promise<Uint8Array> {
  if (format === "svg") return new TextEncoder().encode(svg);
  const rendered = new Resvg(unwrapGradientPatterns(svg), {
    fitTo: { mode: "width", value: width },
    font: { loadSystemFonts: false },
  }).render();
  const image = sharp(rendered.pixels, { raw: { width: rendered.width, height: rendered.height, channels: 4 } });
  const output =
    format === "png"
      ? image.png({ compressionLevel: 3, adaptiveFiltering: false })
      : format === "jpeg"
        ? image.flatten({ background: "#ffffff" }).jpeg({ quality: 86, mozjpeg: false })
        : image.webp({ quality: 86, effort: 2 });
  return new Uint8Array(await output.toBuffer());
}
