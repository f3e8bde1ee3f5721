import { createRequire } from "node:module";
import { dirname } from "node:path";
const require = createRequire(import.meta.url);
const sharp = require(require.resolve("sharp", { paths: [dirname(require.resolve("@ogkit/server/package.json"))] }));
sharp.concurrency(1); sharp.cache(false);
const med = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!.toFixed(1);
for (const f of process.argv.slice(2)) {
  const { data: rgba } = await sharp(f).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const { data: rgb } = await sharp(f).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  for (const [name, data, ch] of [["rgba", rgba, 4], ["rgb", rgb, 3]] as const) {
    for (const level of [1, 2, 3, 6]) for (const af of [false, true]) {
      const ts: number[] = []; let size = 0;
      for (let i = 0; i < 9; i++) { const s = performance.now(); size = (await sharp(data, { raw: { width: 1200, height: 630, channels: ch } }).png({ compressionLevel: level, adaptiveFiltering: af }).toBuffer()).length; ts.push(performance.now() - s); }
      console.log(f.split("/").pop(), name, "level", level, "adaptive", af, med(ts), "ms", size);
    }
  }
}
