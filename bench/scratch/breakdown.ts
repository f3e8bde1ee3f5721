import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { parseOgParams } from "@ogkit/sdk";
import { buildCard } from "../../packages/server/src/engine/index.ts";
import { fonts as ogFonts } from "../../packages/server/src/engine/fonts.ts";
import { unwrapGradientPatterns } from "../../packages/server/src/engine/svg-optimize.ts";
import { Resvg } from "@resvg/resvg-js";
import satori from "satori";
const require = createRequire(import.meta.url);
const sharp = require(require.resolve("sharp", { paths: [dirname(require.resolve("@ogkit/server/package.json"))] }));
sharp.concurrency(1); sharp.cache(false);
const fontDir = join(dirname(require.resolve("@fontsource/inter/package.json")), "files");
const ab = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
const fonts = [400, 700].map((weight) => ({ name: "Inter", data: ab(readFileSync(join(fontDir, `inter-latin-${weight}-normal.woff`))), weight: weight as 400, style: "normal" as const }));
const cards: Record<string, string> = {
  dark: "title=How%20to%20Build%20a%20REST%20API%20in%20Node&subtitle=A%20Complete%20Guide%20for%20Beginners&caption=8%20min%20read&theme=dark&pattern=dots&icon=code&brand=ogkit.dev",
  light: "title=How%20to%20Build%20a%20REST%20API&subtitle=A%20Complete%20Guide&caption=8%20min%20read&theme=light&icon=rocket&brand=ogkit.dev",
  darknopat: "title=How%20to%20Build%20a%20REST%20API%20in%20Node&subtitle=A%20Complete%20Guide%20for%20Beginners&caption=8%20min%20read&theme=dark&icon=code&brand=ogkit.dev",
};
const N = Number(process.argv[2] ?? 10);
const med = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!.toFixed(1);
for (const [name, q] of Object.entries(cards)) {
  const params = parseOgParams(q);
  const { element } = await buildCard(params);
  const t: Record<string, number[]> = { build: [], satoriUser: [], satoriOg: [], resvgUser: [], asPng: [], resvgOg: [], sharp3: [], sharp1: [] };
  for (let i = 0; i < N + 2; i++) {
    let s = performance.now();
    await buildCard(params); t.build!.push(performance.now() - s);
    s = performance.now();
    const svgU = await satori(element as never, { width: 1200, height: 630, fonts }); t.satoriUser!.push(performance.now() - s);
    s = performance.now();
    const svgO = await satori(element as never, { width: 1200, height: 630, fonts: ogFonts().satori as never }); t.satoriOg!.push(performance.now() - s);
    s = performance.now();
    const r1 = new Resvg(svgU, { fitTo: { mode: "width", value: 1200 } }).render(); t.resvgUser!.push(performance.now() - s);
    s = performance.now(); r1.asPng(); t.asPng!.push(performance.now() - s);
    s = performance.now();
    const r2 = new Resvg(unwrapGradientPatterns(svgO), { fitTo: { mode: "width", value: 1200 }, font: { loadSystemFonts: false } }).render(); t.resvgOg!.push(performance.now() - s);
    s = performance.now();
    await sharp(r2.pixels, { raw: { width: 1200, height: 630, channels: 4 } }).png({ compressionLevel: 3, adaptiveFiltering: false }).toBuffer(); t.sharp3!.push(performance.now() - s);
    s = performance.now();
    await sharp(r2.pixels, { raw: { width: 1200, height: 630, channels: 4 } }).png({ compressionLevel: 1, adaptiveFiltering: false }).toBuffer(); t.sharp1!.push(performance.now() - s);
    if (i === 0) console.log(name, "svg bytes", svgU.length, svgO.length);
  }
  console.log(name, Object.entries(t).map(([k, v]) => `${k}=${med(v.slice(2))}`).join(" "));
}
