import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { parseOgParams } from "@ogkit/sdk";
import { buildCard, renderCard } from "../../packages/server/src/engine/index.ts";
import { Resvg } from "@resvg/resvg-js";
import satori from "satori";
import { ImageResponse } from "@vercel/og";
import { Renderer } from "@takumi-rs/core";
import { fromJsx } from "@takumi-rs/helpers/jsx";

const require = createRequire(import.meta.url);
const fontDir = join(dirname(require.resolve("@fontsource/inter/package.json")), "files");
const ab = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
const fonts = [400, 700].map((weight) => ({ name: "Inter", data: ab(readFileSync(join(fontDir, `inter-latin-${weight}-normal.woff`))), weight: weight as 400, style: "normal" as const }));

const q = "title=How%20to%20Build%20a%20REST%20API%20in%20Node&subtitle=A%20Complete%20Guide%20for%20Beginners&caption=8%20min%20read&theme=dark&pattern=dots&icon=code&brand=ogkit.dev";
const params = parseOgParams(q);
const { element } = await buildCard(params);
const med = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
async function time(name: string, f: () => Promise<Uint8Array>, n = 15) {
  let out = await f();
  const ts: number[] = [];
  for (let i = 0; i < n; i++) { const t = performance.now(); out = await f(); ts.push(performance.now() - t); }
  console.log(name, med(ts).toFixed(1), "ms", out.byteLength);
  writeFileSync(`/tmp/explore-${name}.png`, out);
}
await time("naive", async () => {
  const svg = await satori(element as never, { width: 1200, height: 630, fonts });
  return new Resvg(svg, { fitTo: { mode: "width", value: 1200 } }).render().asPng();
});
await time("ogkit", async () => (await renderCard(params)).body);
await time("vercel", async () => new Uint8Array(await new ImageResponse(element as never, { width: 1200, height: 630, fonts }).arrayBuffer()));
const renderer = new Renderer();
for (const f of fonts) await renderer.registerFont({ name: "Inter", data: f.data, weight: f.weight, style: "normal" });
const { node, css } = await fromJsx(element as never);
await time("takumi", async () => renderer.render(node, { width: 1200, height: 630, format: "png", css }));
