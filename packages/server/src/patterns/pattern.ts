import type { Pattern } from "@ogkit/sdk";

/** A background pattern: an SVG tile repeated over the card, drawn in the theme's pattern color. */
export interface PatternTile {
  name: Pattern;
  /** Tile size in px at scale 1. */
  size: number;
  /** The tile's SVG markup for a color and a scale; undefined draws nothing. */
  svg(color: string, size: number): string | undefined;
}

export const svgTile = (size: number, body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">${body}</svg>`;
