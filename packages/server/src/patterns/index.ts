import type { Pattern } from "@ogkit/sdk";
import { circuit } from "./circuit.js";
import { diagonal } from "./diagonal.js";
import { dots } from "./dots.js";
import { grid } from "./grid.js";
import { none } from "./none.js";
import type { PatternTile } from "./pattern.js";
import { waves } from "./waves.js";

export type { PatternTile } from "./pattern.js";

/** Every pattern of the schema's enum: the Record type makes a missing one a compile error. */
export const patternTiles: Record<Pattern, PatternTile> = { none, dots, grid, diagonal, waves, circuit };

/** Every pattern name, in the schema's order. */
export function listPatterns(): Pattern[] {
  return Object.keys(patternTiles) as Pattern[];
}

const uris = new Map<string, string | undefined>();

/** CSS for a pattern layer at a scale; cached, since a tile depends only on pattern, color and size. */
export function patternStyle(pattern: Pattern, color: string, scale: number): Record<string, string> | undefined {
  const tile = patternTiles[pattern];
  const size = Math.max(4, Math.round(tile.size * scale));
  const key = `${pattern}|${color}|${size}`;
  if (!uris.has(key)) {
    const svg = tile.svg(color, size);
    uris.set(key, svg && `url("data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}")`);
  }
  const uri = uris.get(key);
  if (!uri) return undefined;
  return { backgroundImage: uri, backgroundSize: `${size}px ${size}px`, backgroundRepeat: "repeat" };
}
