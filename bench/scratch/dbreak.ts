import { buildCard } from "../../packages/server/src/engine/index.ts";
import { splitLayers, compositeOver, BackgroundCache } from "../../packages/server/src/engine/background.ts";
import { rasterize, encodePixels } from "../../packages/server/src/engine/encode.ts";
import { fonts } from "../../packages/server/src/engine/fonts.ts";
import satori from "satori";
import { cards, resolvedParams } from "../src/cards.ts";
import { peers } from "../src/peers.ts";
const med = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!.toFixed(2);
for (const card of cards) {
  const p = resolvedParams(card);
  const naive = await peers[0]!.prepare(card);
  const t: Record<string, number[]> = { naive: [], build: [], satori: [], resvg: [], comp: [], enc: [] };
  const cache = new BackgroundCache();
  for (let i = 0; i < 25; i++) {
    let s = performance.now(); await naive(); t.naive!.push(performance.now() - s);
    s = performance.now(); const { element } = await buildCard(p); t.build!.push(performance.now() - s);
    const l = splitLayers(element, p.width, p.height)!;
    const bg = (await cache.get(l.key, async () => rasterize(await satori(l.background as never, { width: p.width, height: p.height, fonts: fonts().satori as never }), p.width).data))!;
    s = performance.now(); const svg = await satori(l.foreground as never, { width: p.width, height: p.height, fonts: fonts().satori as never }); t.satori!.push(performance.now() - s);
    s = performance.now(); const fg = rasterize(svg, p.width); t.resvg!.push(performance.now() - s);
    s = performance.now(); const rgb = compositeOver(bg, fg.data); t.comp!.push(performance.now() - s);
    s = performance.now(); await encodePixels(rgb, { width: p.width, height: p.height, channels: 3 }, "png"); t.enc!.push(performance.now() - s);
  }
  const sum = ["build", "satori", "resvg", "comp", "enc"].reduce((a, k) => a + Number(med(t[k]!.slice(5))), 0);
  console.log(card.name.padEnd(11), Object.entries(t).map(([k, v]) => `${k}=${med(v.slice(5))}`).join(" "), "sum", sum.toFixed(1), "ratio", (sum / Number(med(t.naive!.slice(5)))).toFixed(2));
}
