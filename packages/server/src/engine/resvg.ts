import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { compileFunction } from "node:vm";
import type { initWasm, Resvg } from "@resvg/resvg-wasm";

const require = createRequire(import.meta.url);

/**
 * resvg, from the resvg-js project's WebAssembly build (@resvg/resvg-wasm): the same resvg, at the
 * same version, as its native build @resvg/resvg-js, drawing the same pixels. The server uses it
 * for each card's content and for whole cards (html and custom templates), for its memory: the
 * native build keeps a render's tree and pixmap in Rust behind JS wrappers until a garbage
 * collection finalizes them, so two render threads held 70-280 MB of dead pixmaps. Here each
 * render's tree and pixmap are freed the moment its pixels are read (`free()`), and a panic
 * in resvg fails its render instead of aborting the process. What a thread holds is its
 * WebAssembly memory: it grows to the largest render so far, 10-25 MB for 1200x630 cards, and never
 * shrinks (see RETIRE_AFTER_PIXELS). Paths draw as fast as natively; gradients and pattern tiles
 * 2-3.7 times slower (no SIMD), so backgrounds, drawn once per thread, stay native
 * (encode.ts, rasterizeOnce). docs/performance.md.
 */

/** One instance of resvg-wasm's JavaScript bindings, with its own WebAssembly memory. */
interface Bindings {
  Resvg: typeof Resvg;
  initWasm: typeof initWasm;
}

type RenderedImage = ReturnType<InstanceType<Bindings["Resvg"]>["render"]>;

/**
 * After a render that asked resvg for more than this many pixels (its canvas, plus the off-screen
 * buffers an html template's shadows and filters need, from filter-bounds.ts), the thread starts a
 * new instance for the next render. Then one large card does not hold its memory for the thread's
 * life. Four 1200x630 cards' area; starting an instance takes about a millisecond.
 */
export const RETIRE_AFTER_PIXELS = 4 * 1200 * 630;

/**
 * Reads a render's pixels where resvg drew them, in the instance's WebAssembly memory, instead of
 * through the copy its bindings make (3 MB a 1200x630 card, allocated and dropped by every render:
 * glibc then serves such blocks from the thread's arena, which the cache's images pin, and the
 * process held about 20 MB more at its peak).
 *
 * How: Rust hands the pixels out as `Uint8Array::from(&pixmap)`, which the bindings run as two
 * imports: a view of the memory (`newwithbyteoffsetandlength`), then a copy of the view. While
 * `read` runs, the view import notes where the pixels are and makes an empty view, so the copy is
 * empty too. Bindings of another shape (no such import, or not an empty copy) keep their copy.
 */
class PixelTap {
  #memory: WebAssembly.Memory | undefined;
  #where: { offset: number; length: number } | undefined;
  #reading = false;

  /** The WebAssembly namespace the bindings see: instantiating also wraps the view import. */
  readonly webAssembly: typeof WebAssembly = Object.create(WebAssembly, {
    instantiate: {
      value: async (module: WebAssembly.Module, imports: WebAssembly.Imports) => {
        const wbg = imports.wbg as Record<string, (buffer: ArrayBuffer, offset: number, length: number) => unknown>;
        const name = Object.keys(wbg).find((key) => key.startsWith("__wbg_newwithbyteoffsetandlength_"));
        const view = name ? wbg[name] : undefined;
        if (name && view) {
          wbg[name] = (buffer, offset, length) => {
            if (!this.#reading) return view(buffer, offset, length);
            this.#where = { offset, length };
            return view(buffer, offset, 0);
          };
        }
        const instance = await WebAssembly.instantiate(module, imports);
        const { memory } = instance.exports;
        if (memory instanceof WebAssembly.Memory) this.#memory = memory;
        return instance;
      },
    },
  });

  /** The image's pixels: in the instance's memory (valid until the next call into it), or a copy. */
  read(image: RenderedImage): Uint8Array {
    this.#where = undefined;
    this.#reading = true;
    let copy: Uint8Array;
    try {
      copy = image.pixels;
    } finally {
      this.#reading = false;
    }
    // Set by the view import during `image.pixels` (which TypeScript cannot see).
    const where = this.#where as { offset: number; length: number } | undefined;
    const size = image.width * image.height * 4;
    if (copy.length !== 0 || !where || where.length !== size || !this.#memory) return copy;
    return new Uint8Array(this.#memory.buffer, where.offset, where.length);
  }
}

interface Instance {
  bindings: Bindings;
  tap: PixelTap;
}

interface Compiled {
  wasm: WebAssembly.Module;
  /** Runs the bindings' CommonJS file afresh: its state (the instance, its memory) is its own. */
  bindings: (webAssembly: typeof WebAssembly) => Bindings;
}

let compiled: Promise<Compiled> | undefined;
let current: Promise<Instance> | undefined;
let started = 0;

function compile(): Promise<Compiled> {
  compiled ??= (async () => {
    // The package's own entry: one CommonJS file that requires nothing. Loading it through
    // require() would keep every instance alive in require's module cache.
    const file = require.resolve("@resvg/resvg-wasm");
    const factory = compileFunction(readFileSync(file, "utf8"), ["exports", "module", "WebAssembly"], {
      filename: file,
    });
    const wasm = await WebAssembly.compile(readFileSync(require.resolve("@resvg/resvg-wasm/index_bg.wasm")));
    return {
      wasm,
      bindings: (webAssembly) => {
        const module = { exports: {} as Bindings };
        factory(module.exports, module, webAssembly);
        return module.exports;
      },
    };
  })();
  return compiled;
}

function instance(): Promise<Instance> {
  current ??= (async () => {
    const { wasm, bindings } = await compile();
    const tap = new PixelTap();
    const loaded = bindings(tap.webAssembly);
    await loaded.initWasm(wasm);
    started += 1;
    return { bindings: loaded, tap };
  })();
  return current;
}

/** Compiles resvg and starts this thread's instance, so the first render does not wait for them. */
export async function loadResvg(): Promise<void> {
  await instance();
}

/** How many instances this thread has started (one, unless large renders or traps retired some). */
export function resvgInstancesStarted(): number {
  return started;
}

/** Pixels as resvg leaves them: RGBA, premultiplied by alpha, row after row. */
export interface Pixels {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * resvg's options, for either build: the SVG scaled to `width` pixels wide, system fonts off (satori
 * already turned text into paths).
 */
export function resvgOptions(width: number) {
  return { fitTo: { mode: "width", value: width }, font: { loadSystemFonts: false } } as const;
}

/** Pixels of one's own, for a caller that keeps them past `rasterizeSvg`'s `read`. */
export function copyPixels(pixels: Pixels): Pixels {
  return { data: pixels.data.slice(), width: pixels.width, height: pixels.height };
}

/**
 * Rasterizes an SVG with `resvgOptions(width)` and returns what `read` makes of the pixels. They are
 * resvg's own, in its memory: valid only while `read` runs (and it must not call resvg), so `read`
 * composites, encodes or copies them (`copyPixels`) before it returns. `offscreenPixels`: what
 * filter-bounds.ts reckons resvg will allocate off screen.
 */
export async function rasterizeSvg<T>(
  svg: string,
  width: number,
  read: (pixels: Pixels) => T,
  offscreenPixels = 0,
): Promise<T> {
  const pending = instance();
  const { bindings, tap } = await pending;
  let tree: InstanceType<Bindings["Resvg"]> | undefined;
  let rendered: RenderedImage | undefined;
  let asked = offscreenPixels;
  let trapped = false;
  try {
    tree = new bindings.Resvg(svg, resvgOptions(width));
    rendered = tree.render();
    asked += rendered.width * rendered.height;
    return read({ data: tap.read(rendered), width: rendered.width, height: rendered.height });
  } catch (error) {
    // A trap (a panic in resvg, or its memory exhausted) can leave the instance's state broken.
    trapped = error instanceof WebAssembly.RuntimeError;
    throw error;
  } finally {
    if (!trapped) {
      rendered?.free();
      tree?.free();
    }
    // The next render starts a new instance; this one's memory goes with a collection.
    if ((trapped || asked > RETIRE_AFTER_PIXELS) && current === pending) current = undefined;
  }
}
