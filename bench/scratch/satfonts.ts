import { buildCard } from "../../packages/server/src/engine/index.ts";
import { splitLayers } from "../../packages/server/src/engine/background.ts";
import { fonts } from "../../packages/server/src/engine/fonts.ts";
import satori from "satori";
import { cards, resolvedParams } from "../src/cards.ts";
const two = fonts().satori.filter((f) => f.name === "Inter");
const med = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!.toFixed(2);
const cpu = async (f: () => Promise<unknown>) => { const t = process.cpuUsage(); await f(); const d = process.cpuUsage(t); return (d.user + d.system) / 1000; };
for (const card of cards) {
  const p = resolvedParams(card);
  const { element } = await buildCard(p);
  const l = splitLayers(element, p.width, p.height)!;
  const a: number[] = [], b: number[] = [];
  for (let i = 0; i < 120; i++) {
    a.push(await cpu(() => satori(l.foreground as never, { width: p.width, height: p.height, fonts: fonts().satori as never })));
    b.push(await cpu(() => satori(l.foreground as never, { width: p.width, height: p.height, fonts: two as never })));
  }
  console.log(card.name, "14 fonts", med(a.slice(20)), "2 fonts", med(b.slice(20)));
}
