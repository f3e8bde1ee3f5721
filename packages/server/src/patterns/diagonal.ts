import { type PatternTile, svgTile } from "./pattern.js";

export const diagonal: PatternTile = {
  name: "diagonal",
  size: 24,
  svg: (color, size) =>
    svgTile(
      size,
      `<path d="M -${size / 4} ${size / 4} L ${size / 4} -${size / 4} M 0 ${size} L ${size} 0 M ${(size * 3) / 4} ${(size * 5) / 4} L ${(size * 5) / 4} ${(size * 3) / 4}" stroke="${color}" stroke-width="${(size / 16).toFixed(2)}"/>`,
    ),
};
