import { type PatternTile, svgTile } from "./pattern.js";

export const grid: PatternTile = {
  name: "grid",
  size: 48,
  svg: (color, size) =>
    svgTile(
      size,
      `<path d="M ${size} 0 L 0 0 0 ${size}" fill="none" stroke="${color}" stroke-width="${(size / 48).toFixed(2)}"/>`,
    ),
};
