import { cards } from "../src/cards.ts";
import { cardPath, startServer } from "../src/http.ts";
const s = await startServer({ concurrency: 2 });
const url = `${s.url}${cardPath(cards[1]!.params)}`;
for (let i = 0; i < 3; i++) { const t = performance.now(); const r = await fetch(url); const b = await r.arrayBuffer(); console.log(r.status, r.headers.get("x-og-cache"), b.byteLength, (performance.now() - t).toFixed(1), "ms"); }
const t = performance.now(); for (let i = 0; i < 300; i++) await (await fetch(url)).arrayBuffer(); console.log("seq per req ms", ((performance.now() - t) / 300).toFixed(2));
await s.close();
