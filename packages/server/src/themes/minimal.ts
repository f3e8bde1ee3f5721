import type { ThemeDefinition } from "./palette.js";

/** Warm off-white and near-black type only: no tiles, no rule, the brand over a hairline. */
export const minimal: ThemeDefinition = {
  palette: {
    name: "minimal",
    background: "#fafaf9",
    title: "#1c1917",
    subtitle: "#57534e",
    caption: "#78716c",
    accent: "#1c1917",
    iconTile: "rgba(28, 25, 23, 0.06)",
    brandBar: "#d6d3d1",
    brandText: "#1c1917",
    pattern: "rgba(28, 25, 23, 0.07)",
  },
  design: { bar: "hairline", iconTile: false, rule: 0, titleTracking: -0.025, titleScale: 1 },
};
