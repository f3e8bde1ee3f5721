import { crc32, deflateSync } from "node:zlib";

/**
 * Opaque RGB pixels laid out as PNG scanlines: every row starts with its filter byte, 0 (none).
 * The engine composites straight into this layout, so the encoder hands it to zlib without a copy.
 */
export interface Scanlines {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Bytes of one scanline: the filter byte, then 3 bytes a pixel. */
export const scanlineStride = (width: number) => 1 + width * 3;

/** Empty scanlines of a size (black, filter bytes 0). */
export function allocScanlines(width: number, height: number): Scanlines {
  return { data: new Uint8Array(scanlineStride(width) * height), width, height };
}

/**
 * Premultiplied RGBA (resvg's pixels) as scanlines, or undefined when any pixel is not opaque: such
 * an image keeps its alpha and is encoded by sharp.
 */
export function opaqueScanlines(rgba: Uint8Array, width: number): Scanlines | undefined {
  const height = rgba.length / 4 / width;
  const lines = allocScanlines(width, height);
  const out = lines.data;
  for (let y = 0, i = 0; y < height; y++) {
    for (let o = y * scanlineStride(width) + 1, end = i + width * 4; i < end; i += 4, o += 3) {
      if (rgba[i + 3] !== 255) return undefined;
      out[o] = rgba[i]!;
      out[o + 1] = rgba[i + 1]!;
      out[o + 2] = rgba[i + 2]!;
    }
  }
  return lines;
}

/** Plain RGB rows (no filter bytes), for encoders that take raw pixels (JPEG, WebP). */
export function scanlinesToRgb({ data, width, height }: Scanlines): Uint8Array {
  const row = width * 3;
  const rgb = new Uint8Array(row * height);
  for (let y = 0; y < height; y++) {
    const start = y * (row + 1) + 1;
    rgb.set(data.subarray(start, start + row), y * row);
  }
  return rgb;
}

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** One PNG chunk: length, type, data, and the CRC-32 of type and data. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * zlib level 2 over unfiltered rows. Measured on the benchmark's four cards (docs/performance.md):
 * the same size as sharp's level-2 PNG or a few percent smaller, in the same time, but on the
 * calling render thread instead of libvips's threads, which competed with the other render thread
 * for the cores. Level 3 took half as long again for 5% fewer bytes; the sub, up and RLE variants
 * were both slower and larger on these cards (large flat areas and gradients).
 */
export const PNG_ZLIB_LEVEL = 2;

/** Encodes opaque RGB scanlines as an 8-bit truecolor PNG (IHDR, one IDAT, IEND). */
export function encodePng(lines: Scanlines): Uint8Array {
  const { data, width, height } = lines;
  if (data.length !== scanlineStride(width) * height) throw new RangeError("encodePng: the scanlines' size is wrong");
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = 8; // bits per channel
  header[9] = 2; // truecolor (RGB); compression, filter and interlace methods stay 0
  const parts = [
    SIGNATURE,
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(data, { level: PNG_ZLIB_LEVEL })),
    chunk("IEND", new Uint8Array(0)),
  ];
  const png = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    png.set(part, offset);
    offset += part.length;
  }
  return png;
}
