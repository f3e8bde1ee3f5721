import { writeFileSync } from "node:fs";
import { cards } from "../src/cards.ts";
import { peers } from "../src/peers.ts";
for (const card of cards) for (const peer of peers) {
  const render = await peer.prepare(card);
  await render();
  const t = performance.now(); const png = await render(); const ms = performance.now() - t;
  writeFileSync(`/tmp/peer-${card.name}-${peer.id}.png`, png);
  console.log(card.name, peer.id, ms.toFixed(1), png.byteLength);
}
