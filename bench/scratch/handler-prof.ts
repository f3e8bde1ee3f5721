import { createOgHandler } from "@ogkit/server";
import { ogUrl } from "@ogkit/sdk";
import { cards } from "../src/cards.ts";
const handler = createOgHandler({ pool: false });
const url = `http://localhost${ogUrl(cards[0]!.params)}`;
await (await handler(new Request(url))).arrayBuffer();
for (let round = 0; round < 3; round++) {
  const n = 5000; const t = performance.now();
  for (let i = 0; i < n; i++) { const r = await handler(new Request(url)); await r.arrayBuffer(); }
  console.log("handler per request us", ((performance.now() - t) / n * 1000).toFixed(1));
}
