import { type PatternTile, svgTile } from "./pattern.js";

export const circuit: PatternTile = {
  name: "circuit",
  size: 64,
  svg: (color, size) => {
    const u = size / 8;
    const w = (size / 48).toFixed(2);
    const traces = `M ${u} 0 V ${3 * u} H ${4 * u} V ${5 * u} M ${8 * u} ${2 * u} H ${6 * u} V ${6 * u} H ${3 * u} V ${8 * u} M 0 ${6 * u} H ${u}`;
    const pads = [
      [4 * u, 5 * u],
      [u, 6 * u],
      [6 * u, 2 * u],
    ]
      .map(
        ([x, y]) =>
          `<circle cx="${x}" cy="${y}" r="${(u / 2.5).toFixed(2)}" fill="none" stroke="${color}" stroke-width="${w}"/>`,
      )
      .join("");
    return svgTile(size, `<path d="${traces}" fill="none" stroke="${color}" stroke-width="${w}"/>${pads}`);
  },
};
