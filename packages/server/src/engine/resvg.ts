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
 * render's tree and pixmap are freed the moment its pixels are copied out (`free()`), and a panic
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

/**
 * After a render that asked resvg for more than this many pixels (its canvas, plus the off-screen
 * buffers an html template's shadows and filters need, from filter-bounds.ts), the thread starts a
 * new instance for the next render. Then one large card does not hold its memory for the thread's
 * life. Four 1200x630 cards' area; starting an instance takes about a millisecond.
 */
export const RETIRE_AFTER_PIXELS = 4 * 1200 * 630;

interface Compiled {
  wasm: WebAssembly.Module;
  /** Runs the bindings' CommonJS file afresh: its state (the instance, its memory) is its own. */
  bindings: () => Bindings;
}

let compiled: Promise<Compiled> | undefined;
let current: Promise<Bindings> | undefined;
let started = 0;

function compile(): Promise<Compiled> {
  compiled ??= (async () => {
    // The package's own entry: one CommonJS file that requires nothing. Loading it through
    // require() would keep every instance alive in require's module cache.
    const file = require.resolve("@resvg/resvg-wasm");
    const factory = compileFunction(readFileSync(file, "utf8"), ["exports", "module"], { filename: file });
    const wasm = await WebAssembly.compile(readFileSync(require.resolve("@resvg/resvg-wasm/index_bg.wasm")));
    return {
      wasm,
      bindings: () => {
        const module = { exports: {} as Bindings };
        factory(module.exports, module);
        return module.exports;
      },
    };
  })();
  return compiled;
}

function instance(): Promise<Bindings> {
  current ??= (async () => {
    const { wasm, bindings } = await compile();
    const loaded = bindings();
    await loaded.initWasm(wasm);
    started += 1;
    return loaded;
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

/**
 * Rasterizes an SVG with `resvgOptions(width)`. `offscreenPixels`: what filter-bounds.ts reckons
 * resvg will allocate off screen.
 */
export async function rasterizeSvg(svg: string, width: number, offscreenPixels = 0): Promise<Pixels> {
  const pending = instance();
  const bindings = await pending;
  let tree: InstanceType<Bindings["Resvg"]> | undefined;
  let rendered: ReturnType<InstanceType<Bindings["Resvg"]>["render"]> | undefined;
  let asked = offscreenPixels;
  let trapped = false;
  try {
    tree = new bindings.Resvg(svg, resvgOptions(width));
    rendered = tree.render();
    asked += rendered.width * rendered.height;
    return { data: rendered.pixels, width: rendered.width, height: rendered.height };
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
