import { buildCard } from "../../packages/server/src/engine/index.ts";
import { splitLayers, compositeOver, BackgroundCache } from "../../packages/server/src/engine/background.ts";
import { rasterize, encodePixels } from "../../packages/server/src/engine/encode.ts";
import { fonts } from "../../packages/server/src/engine/fonts.ts";
import { Resvg } from "@resvg/resvg-js";
import satori from "satori";
import { cards, resolvedParams } from "../src/cards.ts";
import { peerElement } from "../src/peers.ts";
const two = fonts().satori.filter((f) => f.name === "Inter");
const med = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
const cpu = () => { const c = process.cpuUsage(); return () => { const d = process.cpuUsage(c); return (d.user + d.system) / 1000; }; };
for (const card of cards) {
  const p = resolvedParams(card);
  const el = await peerElement(card);
  const t: Record<string, number[]> = { nSatori: [], nResvg: [], nPng: [], build: [], satori: [], resvg: [], comp: [], enc: [] };
  const cache = new BackgroundCache();
  for (let i = 0; i < 90; i++) {
    let s = cpu(); const svgN = await satori(el as never, { width: p.width, height: p.height, fonts: two as never }); t.nSatori!.push(s());
    s = cpu(); const r = new Resvg(svgN, { fitTo: { mode: "width", value: p.width } }).render(); t.nResvg!.push(s());
    s = cpu(); r.asPng(); t.nPng!.push(s());
    s = cpu(); const { element } = await buildCard(p); t.build!.push(s());
    const l = splitLayers(element, p.width, p.height)!;
    const bg = (await cache.get(l.key, async () => rasterize(await satori(l.background as never, { width: p.width, height: p.height, fonts: fonts().satori as never }), p.width).data))!;
    s = cpu(); const svg = await satori(l.foreground as never, { width: p.width, height: p.height, fonts: fonts().satori as never }); t.satori!.push(s());
    s = cpu(); const fg = rasterize(svg, p.width); t.resvg!.push(s());
    s = cpu(); const rgb = compositeOver(bg, fg.data); t.comp!.push(s());
    s = cpu(); await encodePixels(rgb, { width: p.width, height: p.height, channels: 3 }, "png"); t.enc!.push(s());
  }
  const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, med(v.slice(30))]));
  const naive = m.nSatori + m.nResvg + m.nPng; const og = m.build + m.satori + m.resvg + m.comp + m.enc;
  console.log(card.name.padEnd(11), Object.entries(m).map(([k, v]) => `${k}=${v.toFixed(1)}`).join(" "), "| naive", naive.toFixed(1), "ogkit", og.toFixed(1), "ratio", (og / naive).toFixed(2));
}
