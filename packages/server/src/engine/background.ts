import { LRUCache } from "lru-cache";
import type { Pixels } from "./encode.js";
import { allocScanlines, opaqueScanlines, type Scanlines, scanlineStride } from "./png.js";
import type { OgElement } from "./types.js";

/**
 * The background layer of a card: the root's own fill (color and gradients) and the decoration
 * layers before its content (the pattern). It depends only on theme, colors, pattern and size, and
 * resvg spent most of a card's time on it (gradients, and a pattern tile drawn hundreds of times),
 * so it is rasterized once and the content is rasterized alone on a transparent canvas and laid
 * over it. Source-over is associative, so the result is the same image up to 8-bit rounding.
 */

type Style = Record<string, unknown>;

const BACKGROUND_KEYS = new Set(["backgroundColor", "backgroundImage", "backgroundSize", "backgroundRepeat"]);
// Anything else on the root (a border, a radius, opacity, a transform, overflow) could change how the
// background is drawn or clipped: such a tree renders whole.
const ROOT_KEYS = new Set([...BACKGROUND_KEYS, "display", "flexDirection", "position", "width", "height"]);
const INHERITED_KEYS = new Set(["fontFamily", "color"]);
const LAYER_KEYS = new Set([...BACKGROUND_KEYS, "position", "top", "left", "zIndex", "width", "height"]);

/** Layers larger than this are not cached (and so not split): one layer must not crowd out the rest. */
const MAX_LAYER_BYTES = 8 * 1024 * 1024;
/** Background layers kept per thread, in bytes of scanlines: about ten at 1200x630. */
const CACHE_BYTES = 24 * 1024 * 1024;

export interface Layers {
  /** The root's fill and its leading decoration layers, as an element of the card's size. */
  background: OgElement;
  /** The card without its fill and decoration: what is drawn over the background. */
  foreground: OgElement;
  /** Identifies the background's pixels: its element tree and size. */
  key: string;
}

const childrenOf = (element: OgElement): unknown[] => {
  const children = element.props.children;
  if (children === undefined || children === null) return [];
  return Array.isArray(children) ? children : [children];
};

const onlyKeys = (style: Style, allowed: Set<string>) => Object.keys(style).every((key) => allowed.has(key));

/**
 * A childless layer drawn from its style alone, under the content (z-index -1; satori, like CSS,
 * paints other positioned elements over the content, which a split would change): a pattern.
 */
function isDecoration(node: unknown): node is OgElement {
  if (typeof node !== "object" || node === null) return false;
  const element = node as OgElement;
  const style = element.props?.style;
  return (
    element.type === "div" &&
    childrenOf(element).length === 0 &&
    style !== undefined &&
    style.position === "absolute" &&
    style.zIndex === -1 &&
    onlyKeys(style, LAYER_KEYS)
  );
}

/**
 * Splits a built-in layout's card into background and foreground, or undefined when the tree is not
 * of the shape whose split is known to draw the same image (then it renders whole).
 */
export function splitLayers(element: OgElement, width: number, height: number): Layers | undefined {
  const style = element.props.style;
  if (element.type !== "div" || !style || style.width !== width || style.height !== height) return undefined;
  if (!Object.keys(style).every((key) => ROOT_KEYS.has(key) || INHERITED_KEYS.has(key))) return undefined;
  if (width * height * 3 > MAX_LAYER_BYTES) return undefined;
  const children = childrenOf(element);
  let decorations = 0;
  while (decorations < children.length && isDecoration(children[decorations])) decorations++;

  const backgroundStyle: Style = { display: "flex", position: "relative", width, height };
  const foregroundStyle: Style = {};
  for (const [key, value] of Object.entries(style)) {
    if (BACKGROUND_KEYS.has(key)) backgroundStyle[key] = value;
    else foregroundStyle[key] = value;
  }
  const layers = children.slice(0, decorations);
  const background: OgElement = { type: "div", props: { style: backgroundStyle, children: layers } };
  const rest = children.slice(decorations);
  const foreground: OgElement = {
    ...element,
    props: { ...element.props, style: foregroundStyle, children: rest.length === 1 ? rest[0] : rest },
  };
  return { background, foreground, key: `${width}x${height}:${JSON.stringify(background)}` };
}

/** x / 255, rounded, for x in 0..65025. */
const div255 = (x: number) => {
  const t = x + 128;
  return (t + (t >> 8)) >> 8;
};

/** An empty row of RGBA pixels of a width, to skip empty rows with one native comparison each. */
let emptyRow = Buffer.alloc(0);

/**
 * Lays premultiplied RGBA pixels over an opaque background (source-over), giving opaque scanlines.
 * Written out rather than done by sharp's composite, which took about 10 ms more per card (it
 * works in floating point over every pixel; most of a card's foreground is empty, and empty rows
 * are skipped with a native comparison). `into`, when given, is overwritten and returned: the
 * engine reuses one buffer per thread rather than allocating 2 MB a card.
 */
export function compositeOver(background: Scanlines, foreground: Uint8Array, into?: Scanlines): Scanlines {
  const { width, height } = background;
  if (foreground.length !== width * height * 4) throw new RangeError("compositeOver: the layers differ in size");
  const result = into ?? allocScanlines(width, height);
  if (result.data.length !== background.data.length) throw new RangeError("compositeOver: `into` differs in size");
  const out = result.data;
  out.set(background.data);
  // Read a pixel as one 32-bit word: an empty (premultiplied, transparent) pixel is 0.
  const fg = foreground.byteOffset % 4 === 0 ? foreground : new Uint8Array(foreground);
  const words = new Int32Array(fg.buffer, fg.byteOffset, fg.length / 4);
  const bytes = Buffer.from(fg.buffer, fg.byteOffset, fg.length);
  const rowBytes = width * 4;
  if (emptyRow.length !== rowBytes) emptyRow = Buffer.alloc(rowBytes);
  for (let y = 0; y < height; y++) {
    const start = y * rowBytes;
    if (emptyRow.equals(bytes.subarray(start, start + rowBytes))) continue;
    const end = (start + rowBytes) / 4;
    for (let p = start / 4, o = y * scanlineStride(width) + 1; p < end; p++, o += 3) {
      if (words[p] === 0) continue;
      const i = p * 4;
      const alpha = fg[i + 3]!;
      if (alpha === 255) {
        out[o] = fg[i]!;
        out[o + 1] = fg[i + 1]!;
        out[o + 2] = fg[i + 2]!;
        continue;
      }
      // Premultiplied: each channel is at most alpha, so the sum stays within 255.
      const rest = 255 - alpha;
      out[o] = fg[i]! + div255(out[o]! * rest);
      out[o + 1] = fg[i + 1]! + div255(out[o + 1]! * rest);
      out[o + 2] = fg[i + 2]! + div255(out[o + 2]! * rest);
    }
  }
  return result;
}

/** Background layers by key, per thread; `null` remembers a layer that is not opaque. */
export class BackgroundCache {
  readonly #lru = new LRUCache<string, { lines: Scanlines | null }>({
    maxSize: CACHE_BYTES,
    sizeCalculation: (entry, key) => (entry.lines?.data.byteLength ?? 0) + key.length * 2 + 64,
  });
  readonly #pending = new Map<string, Promise<Scanlines | null>>();

  /**
   * The layer as scanlines, rasterizing it (once, however many renders ask at the same time) if
   * needed; null for a layer that is not opaque.
   */
  async get(key: string, rasterize: () => Promise<Pixels>): Promise<Scanlines | null> {
    const cached = this.#lru.get(key);
    if (cached) return cached.lines;
    let pending = this.#pending.get(key);
    if (!pending) {
      pending = rasterize()
        .then((pixels) => {
          const lines = opaqueScanlines(pixels.data, pixels.width) ?? null;
          this.#lru.set(key, { lines });
          return lines;
        })
        .finally(() => this.#pending.delete(key));
      this.#pending.set(key, pending);
    }
    return pending;
  }

  get size(): number {
    return this.#lru.size;
  }
}
