import { compositeOver } from "../../packages/server/src/engine/background.ts";
const bg = new Uint8Array(1200 * 630 * 3).fill(30);
const fg = new Uint8Array(1200 * 630 * 4);
for (let i = 0; i < fg.length; i += 4) if ((i / 4) % 10 < 2) { fg[i] = 100; fg[i + 3] = 200; }
const med = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!.toFixed(2);
const ts: number[] = [];
for (let i = 0; i < 50; i++) { const t = process.cpuUsage(); compositeOver(bg, fg); const d = process.cpuUsage(t); ts.push((d.user + d.system) / 1000); }
console.log("composite cpu ms", med(ts));
