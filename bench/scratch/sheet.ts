import { sharp } from "../src/deps.ts";
const card = process.argv[2]!;
const tiles = await Promise.all(["a", "b", "c", "d"].map(async (id) => sharp(`/tmp/peer-${card}-${id}.png`).resize(600, 315).png().toBuffer()));
await sharp({ create: { width: 1210, height: 640, channels: 3, background: "#ff0000" } }).composite(tiles.map((input, i) => ({ input, left: (i % 2) * 610, top: Math.floor(i / 2) * 325 }))).png().toFile(`/tmp/sheet-${card}.png`);
