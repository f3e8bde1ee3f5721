import type { ThemeDefinition } from "./palette.js";

/** Signal yellow, black type set large and tight, a heavy rule and a black bar. */
export const bold: ThemeDefinition = {
  palette: {
    name: "bold",
    background: "#facc15",
    title: "#0a0a0a",
    subtitle: "#292524",
    caption: "#44403c",
    accent: "#0a0a0a",
    iconTile: "rgba(10, 10, 10, 0.10)",
    brandBar: "#0a0a0a",
    brandText: "#facc15",
    pattern: "rgba(10, 10, 10, 0.10)",
  },
  design: { bar: "band", iconTile: true, rule: 14, titleTracking: -0.035, titleScale: 1.08 },
};
