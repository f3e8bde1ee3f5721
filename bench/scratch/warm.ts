import { cards } from "../src/cards.ts";
import { coldLoad, startServer, warmLoad } from "../src/http.ts";
const s = await startServer({ concurrency: 2 });
console.log(await warmLoad(s.url, cards[0]!, { seconds: 5, connections: 10 }));
console.log(await warmLoad(s.url, cards[0]!, { seconds: 5, connections: 10 }));
console.log(await coldLoad(s.url, cards[0]!, { seconds: 5, connections: 4 }));
console.log(await coldLoad(s.url, cards[0]!, { seconds: 5, connections: 4 }));
console.log(await s.memory());
await s.close();
