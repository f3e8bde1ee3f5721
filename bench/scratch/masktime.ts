import { readFileSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
const svg = readFileSync("/tmp/fg.svg", "utf8");
const noMask = svg.replace(/ mask="url\(#[^)]+\)"/g, "");
const noClip = noMask.replace(/ clip-path="url\(#[^)]+\)"/g, "");
const noImage = svg.replace(/<image [^>]*\/>/g, "");
const med = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!.toFixed(2);
const time = (s: string) => { const ts: number[] = []; for (let i = 0; i < 30; i++) { const t = process.cpuUsage(); new Resvg(s, { font: { loadSystemFonts: false } }).render(); const d = process.cpuUsage(t); ts.push((d.user + d.system) / 1000); } return med(ts); };
for (let r = 0; r < 2; r++) console.log("full", time(svg), "noMask", time(noMask), "noMaskNoClip", time(noClip), "noImage", time(noImage));
