import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseOgParams } from "@ogkit/sdk";
import pixelmatch from "pixelmatch";
import sharp from "sharp";
import { expect } from "vitest";
import { renderCard } from "../src/engine/index.js";
import type { EngineName } from "../src/engine/types.js";

/** A pixel counts as different past this YIQ distance (0-1). */
export const THRESHOLD = 0.1;
const goldens = fileURLToPath(new URL("./goldens/", import.meta.url));
const artifacts = fileURLToPath(new URL("../test-artifacts/", import.meta.url));

async function rgba(png: Uint8Array | Buffer) {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * Compares two images of one size pixel by pixel: the share of pixels past THRESHOLD, and the
 * diff image (differing pixels in red).
 */
export async function pixelDiff(actualImage: Uint8Array | Buffer, expectedImage: Uint8Array | Buffer) {
  const actual = await rgba(actualImage);
  const expected = await rgba(expectedImage);
  expect([expected.width, expected.height]).toEqual([actual.width, actual.height]);
  const { width, height } = actual;
  const diff = new Uint8Array(width * height * 4);
  const differing = pixelmatch(actual.data, expected.data, diff, width, height, { threshold: THRESHOLD });
  return { share: differing / (width * height), diff, width, height };
}

/**
 * Renders a golden case with an engine and holds it to the golden image: at most `maxDiff` of its
 * pixels may differ. A failure writes the image and a diff to test-artifacts/.
 */
export async function expectGolden(name: string, query: string, engine: EngineName, maxDiff: number): Promise<void> {
  const file = `${goldens}${name}.png`;
  expect(existsSync(file), `missing golden ${name}.png: run npm run goldens -w @ogkit/server`).toBe(true);
  const params = parseOgParams(query);
  const { body } = await renderCard(params, { engine });
  const { share, diff, width, height } = await pixelDiff(body, readFileSync(file));
  expect([width, height]).toEqual([params.width, params.height]);
  if (share > maxDiff) {
    const prefix = `${artifacts}${name}${engine === "satori" ? "" : `.${engine}`}`;
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(`${prefix}.actual.png`, body);
    await sharp(Buffer.from(diff), { raw: { width, height, channels: 4 } })
      .png()
      .toFile(`${prefix}.diff.png`);
  }
  const message = `${name} (${engine}): ${(share * 100).toFixed(2)}% of pixels differ (see test-artifacts/)`;
  expect(share, message).toBeLessThanOrEqual(maxDiff);
}
