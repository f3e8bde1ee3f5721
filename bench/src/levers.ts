import { createOgHandler, renderCard } from "@ogkit/server";
import { Resvg } from "@resvg/resvg-js";
import satori from "satori";
import { compositeOver, splitLayers } from "../../packages/server/src/engine/background.js";
import { rasterize, rasterizeOnce } from "../../packages/server/src/engine/encode.js";
import { fonts } from "../../packages/server/src/engine/fonts.js";
import { buildCard } from "../../packages/server/src/engine/index.js";
import { encodePng, opaqueScanlines, scanlinesToRgb } from "../../packages/server/src/engine/png.js";
import { copyPixels } from "../../packages/server/src/engine/resvg.js";
import { fastPaths } from "../../packages/server/src/http/fast-path.js";
import { type BenchCard, resolvedParams } from "./cards.js";
import { sharp } from "./deps.js";
import { cardPath } from "./http.js";
import { median } from "./stats.js";

/** One lever: the same work done without it and with it, in CPU ms (median), in one run. */
export interface LeverRun {
  lever: string;
  without: { what: string; ms: number };
  with: { what: string; ms: number };
}

/** CPU time of the calling thread and the threads it waits for (sharp's), in ms. */
async function cpuMs(work: () => unknown): Promise<number> {
  const start = process.cpuUsage();
  await work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Runs two variants alternately and keeps the median of each, after a warm-up. */
async function compare(rounds: number, a: () => unknown, b: () => unknown): Promise<[number, number]> {
  const times: [number[], number[]] = [[], []];
  const warmup = Math.max(2, Math.floor(rounds / 4));
  for (let round = 0; round < warmup + rounds; round++) {
    const first = round % 2;
    for (const index of [first, 1 - first]) {
      const ms = await cpuMs(index === 0 ? a : b);
      if (round >= warmup) times[index]!.push(ms);
    }
  }
  return [median(times[0]), median(times[1])];
}

/**
 * What each optimization of the engine and the warm path measured, on one card: each lever alone,
 * with everything else equal. CPU time rather than wall time: the machines these run on are shared.
 */
export async function measureLevers(card: BenchCard, rounds: number): Promise<LeverRun[]> {
  const params = resolvedParams(card);
  const { width, height } = params;
  const { element } = await buildCard(params);
  const options = { width, height, fonts: fonts().satori };
  const svg = await satori(element as never, options as never);
  const levers: LeverRun[] = [];
  const add = (lever: string, without: string, withIt: string, [a, b]: [number, number]) =>
    levers.push({ lever, without: { what: without, ms: a }, with: { what: withIt, ms: b } });

  add(
    "resvg without system fonts (satori already made text paths)",
    "resvg, system fonts loaded",
    "resvg, system fonts off",
    await compare(
      rounds,
      () => new Resvg(svg, { fitTo: { mode: "width", value: width } }).render(),
      () => new Resvg(svg, { fitTo: { mode: "width", value: width }, font: { loadSystemFonts: false } }).render(),
    ),
  );

  const pixels = await rasterize(svg, width, copyPixels);
  const rendered = new Resvg(svg, { font: { loadSystemFonts: false } }).render();
  const lines = opaqueScanlines(pixels.data, width);
  if (lines) {
    add(
      "PNG from raw pixels (zlib level 2, no filter)",
      "resvg's asPng",
      "zlib from raw pixels",
      await compare(
        rounds,
        () => rendered.asPng(),
        () => encodePng(lines),
      ),
    );
    const rgb = scanlinesToRgb(lines);
    add(
      "PNG made on the render thread, not on libvips's threads (CPU of all threads)",
      "sharp from raw RGB, level 2",
      "zlib on the calling thread",
      await compare(
        rounds,
        () =>
          sharp(rgb, { raw: { width, height, channels: 3 } })
            .png({ compressionLevel: 2, adaptiveFiltering: false })
            .toBuffer(),
        () => encodePng(lines),
      ),
    );
  }

  const layers = splitLayers(element, width, height);
  if (layers) {
    const background = opaqueScanlines(
      rasterizeOnce(await satori(layers.background as never, options as never), width).data,
      width,
    );
    const content = await satori(layers.foreground as never, options as never);
    add(
      "a card's content rasterized by resvg's WebAssembly build, freed at once (the native build's memory waits for a collection)",
      "@resvg/resvg-js (native)",
      "@resvg/resvg-wasm",
      await compare(
        rounds,
        () => rasterizeOnce(content, width),
        // The engine reads the content's pixels where resvg drew them (no copy).
        () => rasterize(content, width, (pixels) => pixels.width),
      ),
    );
    if (background) {
      add(
        "background and pattern rasterized once, content laid over it",
        "satori + resvg of the whole card",
        "satori + resvg of the content, composited",
        await compare(
          rounds,
          async () => rasterizeOnce(await satori(element as never, options as never), width),
          async () => {
            const content = await satori(layers.foreground as never, options as never);
            return rasterize(content, width, (foreground) => compositeOver(background, foreground.data));
          },
        ),
      );
    }
  }

  add(
    "the whole render: ogkit's engine against the naive pipeline",
    "satori + resvg defaults + asPng",
    "renderCard",
    await compare(
      rounds,
      async () => {
        const whole = await satori(element as never, options as never);
        return new Resvg(whole, { fitTo: { mode: "width", value: width } }).render().asPng();
      },
      () => renderCard(params),
    ),
  );

  // The warm path: a cached image through the Web handler, and through the Node server's fast path.
  const handler = createOgHandler({ pool: false });
  const url = `http://localhost${cardPath(card.params)}`;
  await (await handler(new Request(url))).arrayBuffer();
  const fastPath = fastPaths.get(handler);
  if (fastPath) {
    const batch = 200;
    const [full, fast] = await compare(
      rounds,
      async () => {
        for (let i = 0; i < batch; i++) await (await handler(new Request(url))).arrayBuffer();
      },
      () => {
        for (let i = 0; i < batch; i++) fastPath({ method: "GET", url: new URL(url), ifNoneMatch: null });
      },
    );
    add(
      "cached image answered without a Web Request/Response (per request)",
      "Request -> handler -> Response",
      "the server's fast path",
      [full / batch, fast / batch],
    );
  }
  await handler.close();
  return levers;
}
