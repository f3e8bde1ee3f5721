import { createServer } from "node:http";
import autocannon from "autocannon";
import { fork } from "node:child_process";
if (process.argv[2] === "server") {
  const size = Number(process.argv[3]);
  const body = Buffer.alloc(size, 7);
  const s = createServer((req, res) => { res.writeHead(200, { "Content-Type": "image/png", "Content-Length": String(size), ETag: '"abc"', "Cache-Control": "public, max-age=86400" }); res.end(body); });
  s.listen(0, "127.0.0.1", () => process.send!((s.address() as any).port));
} else {
  for (const size of [1000, 40000, 150000]) {
    const child = fork(new URL(import.meta.url), ["server", String(size)], { execArgv: ["--import", "tsx"] });
    const port = await new Promise((r) => child.once("message", r));
    const res = await autocannon({ url: `http://127.0.0.1:${port}/x`, connections: 10, duration: 4 });
    console.log(size, Math.round(res["2xx"] / res.duration), "rps p50", res.latency.p50, "p99", res.latency.p99);
    child.kill();
  }
}
