/** Regenerates test/goldens/*.png after an intended visual change: `npm run goldens -w @ogkit/server`. */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseOgParams } from "@ogkit/sdk";
import { renderCard } from "../src/engine/index.js";
import { goldenCases } from "../test/golden-cases.js";

const dir = fileURLToPath(new URL("../test/goldens/", import.meta.url));
mkdirSync(dir, { recursive: true });
for (const file of readdirSync(dir)) if (file.endsWith(".png")) rmSync(`${dir}${file}`);
for (const [name, query] of Object.entries(goldenCases)) {
  const { body } = await renderCard(parseOgParams(query));
  writeFileSync(`${dir}${name}.png`, body);
  console.log(`${name}.png`);
}
