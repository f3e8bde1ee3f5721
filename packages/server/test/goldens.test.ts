import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseOgParams } from "@ogkit/sdk";
import pixelmatch from "pixelmatch";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { renderCard } from "../src/engine/index.js";
import { goldenCases } from "./golden-cases.js";

/** A pixel counts as different past this YIQ distance (0-1); a golden fails past MAX_DIFF of them. */
const THRESHOLD = 0.1;
const MAX_DIFF = 0.005;
const goldens = fileURLToPath(new URL("./goldens/", import.meta.url));
const artifacts = fileURLToPath(new URL("../test-artifacts/", import.meta.url));

async function rgba(png: Uint8Array | Buffer) {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

describe("golden images (regenerate with npm run goldens -w @ogkit/server)", () => {
  it("covers every layout x theme, every pattern and the edge cases", () => {
    expect(Object.keys(goldenCases).length).toBeGreaterThanOrEqual(25);
  });

  for (const [name, query] of Object.entries(goldenCases)) {
    it(name, async () => {
      const file = `${goldens}${name}.png`;
      expect(existsSync(file), `missing golden ${name}.png: run npm run goldens -w @ogkit/server`).toBe(true);
      const params = parseOgParams(query);
      const { body } = await renderCard(params);
      const actual = await rgba(body);
      const expected = await rgba(readFileSync(file));
      expect([actual.width, actual.height]).toEqual([params.width, params.height]);
      expect([expected.width, expected.height]).toEqual([actual.width, actual.height]);
      const diff = new Uint8Array(actual.width * actual.height * 4);
      const differing = pixelmatch(actual.data, expected.data, diff, actual.width, actual.height, {
        threshold: THRESHOLD,
      });
      const share = differing / (actual.width * actual.height);
      if (share > MAX_DIFF) {
        mkdirSync(artifacts, { recursive: true });
        writeFileSync(`${artifacts}${name}.actual.png`, body);
        await sharp(Buffer.from(diff), { raw: { width: actual.width, height: actual.height, channels: 4 } })
          .png()
          .toFile(`${artifacts}${name}.diff.png`);
      }
      expect(share, `${name}: ${(share * 100).toFixed(2)}% of pixels differ (see test-artifacts/)`).toBeLessThanOrEqual(
        MAX_DIFF,
      );
    });
  }
});
