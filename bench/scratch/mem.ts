import { cards } from "../src/cards.ts";
import { cardPath, startServer, uniqueParams } from "../src/http.ts";
for (const concurrency of [1, 2]) {
  const s = await startServer({ concurrency });
  const m0 = await s.memory();
  for (let i = 0; i < 40; i++) await (await fetch(`${s.url}${cardPath(uniqueParams(cards[i % 4]!, 100000 + i))}`)).arrayBuffer();
  const m1 = await s.memory();
  console.log("workers", concurrency, "ready rss", (m0.rssBytes / 2 ** 20).toFixed(0), "after 40 renders rss", (m1.rssBytes / 2 ** 20).toFixed(0), "peak", (m1.peakRssBytes / 2 ** 20).toFixed(0), "external", (m1.externalBytes / 2 ** 20).toFixed(0));
  await s.close();
}
