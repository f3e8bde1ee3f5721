import { type PatternTile, svgTile } from "./pattern.js";

export const waves: PatternTile = {
  name: "waves",
  size: 40,
  svg: (color, size) => {
    const h = size / 2;
    const q = size / 4;
    return svgTile(
      size,
      `<path d="M 0 ${q} Q ${q} 0 ${h} ${q} T ${size} ${q} M 0 ${h + q} Q ${q} ${h} ${h} ${h + q} T ${size} ${h + q}" fill="none" stroke="${color}" stroke-width="${(size / 28).toFixed(2)}"/>`,
    );
  },
};
