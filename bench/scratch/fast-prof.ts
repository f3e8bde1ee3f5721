import { createOgHandler } from "@ogkit/server";
import { ogUrl } from "@ogkit/sdk";
import { fastPaths } from "../../packages/server/src/http/fast-path.ts";
import { cards } from "../src/cards.ts";
const handler = createOgHandler({ pool: false });
const url = `http://localhost${ogUrl(cards[0]!.params)}`;
await (await handler(new Request(url))).arrayBuffer();
const fp = fastPaths.get(handler)!;
for (let round = 0; round < 3; round++) {
  let n = 2000; let t = performance.now();
  for (let i = 0; i < n; i++) { const r = await handler(new Request(url)); await r.arrayBuffer(); }
  const slow = (performance.now() - t) / n * 1000;
  n = 50000; t = performance.now();
  for (let i = 0; i < n; i++) fp({ method: "GET", url: new URL(url), ifNoneMatch: null });
  console.log("full us", slow.toFixed(1), "fast us", ((performance.now() - t) / n * 1000).toFixed(2));
}
