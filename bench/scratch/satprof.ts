import { buildCard } from "../../packages/server/src/engine/index.ts";
import { splitLayers } from "../../packages/server/src/engine/background.ts";
import { fonts } from "../../packages/server/src/engine/fonts.ts";
import satori from "satori";
import { cards, resolvedParams } from "../src/cards.ts";
const p = resolvedParams(cards[1]!);
const { element } = await buildCard(p);
const l = splitLayers(element, p.width, p.height)!;
for (let i = 0; i < 300; i++) await satori(l.foreground as never, { width: p.width, height: p.height, fonts: fonts().satori as never });
