import { buildCard } from "../../packages/server/src/engine/index.ts";
import { splitLayers, compositeOver, opaqueRgb } from "../../packages/server/src/engine/background.ts";
import { rasterize } from "../../packages/server/src/engine/encode.ts";
import { fonts } from "../../packages/server/src/engine/fonts.ts";
import satori from "satori";
import { cards, resolvedParams } from "../src/cards.ts";
const med = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!.toFixed(2);
const cpu = () => { const c = process.cpuUsage(); return () => { const d = process.cpuUsage(c); return (d.user + d.system) / 1000; }; };
for (const card of cards) {
  const p = resolvedParams(card);
  const { element } = await buildCard(p);
  const l = splitLayers(element, p.width, p.height)!;
  const o = { width: p.width, height: p.height, fonts: fonts().satori as never };
  const bg = opaqueRgb(rasterize(await satori(l.background as never, o), p.width).data)!;
  const fg = rasterize(await satori(l.foreground as never, o), p.width).data;
  let nz = 0, op = 0; const w = new Uint32Array(fg.buffer, fg.byteOffset, fg.length / 4); for (const x of w) { if (x !== 0) { nz++; if (x >>> 24 === 255) op++; } }
  const a: number[] = [], c: number[] = [];
  for (let i = 0; i < 60; i++) { let s = cpu(); compositeOver(bg, fg); a.push(s()); s = cpu(); new Uint8Array(bg); c.push(s()); }
  console.log(card.name, "nonzero px", nz, "opaque", op, "composite", med(a.slice(10)), "copy", med(c.slice(10)), "fg offset", fg.byteOffset);
}
