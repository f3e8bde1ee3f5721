import { type PatternTile, svgTile } from "./pattern.js";

export const dots: PatternTile = {
  name: "dots",
  size: 28,
  svg: (color, size) =>
    svgTile(size, `<circle cx="${size / 2}" cy="${size / 2}" r="${(size / 10).toFixed(2)}" fill="${color}"/>`),
};
