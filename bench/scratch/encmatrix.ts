import { buildCard } from "../../packages/server/src/engine/index.ts";
import { splitLayers, compositeOver } from "../../packages/server/src/engine/background.ts";
import { rasterize } from "../../packages/server/src/engine/encode.ts";
import { fonts } from "../../packages/server/src/engine/fonts.ts";
import satori from "satori";
import { sharp } from "../src/deps.ts";
import { cards, resolvedParams } from "../src/cards.ts";
import { peers } from "../src/peers.ts";
sharp.concurrency(1); sharp.cache(false);
const med = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
for (const card of cards) {
  const p = resolvedParams(card);
  const naive = await (await peers[0]!.prepare(card))();
  const { element } = await buildCard(p);
  const l = splitLayers(element, p.width, p.height)!;
  const o = { width: p.width, height: p.height, fonts: fonts().satori as never };
  const bg = rasterize(await satori(l.background as never, o), p.width).data;
  const bgRgb = new Uint8Array(p.width * p.height * 3); for (let i = 0, j = 0; i < bg.length; i += 4, j += 3) { bgRgb[j] = bg[i]!; bgRgb[j + 1] = bg[i + 1]!; bgRgb[j + 2] = bg[i + 2]!; }
  const rgb = compositeOver(bgRgb, rasterize(await satori(l.foreground as never, o), p.width).data);
  const out: string[] = [];
  for (const [level, af] of [[1, false], [2, false], [3, false], [4, false]] as const) {
    const ts: number[] = []; let size = 0;
    for (let i = 0; i < 15; i++) { const t = process.cpuUsage(); size = (await sharp(rgb, { raw: { width: p.width, height: p.height, channels: 3 } }).png({ compressionLevel: level, adaptiveFiltering: af }).toBuffer()).length; const d = process.cpuUsage(t); ts.push((d.user + d.system) / 1000); }
    out.push(`L${level}${af ? "a" : ""} ${med(ts).toFixed(1)}ms ${(size / naive.length).toFixed(2)}x`);
  }
  console.log(card.name.padEnd(11), "naive", naive.length, "|", out.join(" | "));
}
