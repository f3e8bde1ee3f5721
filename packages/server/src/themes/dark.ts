import type { ThemeDefinition } from "./palette.js";

/** The default: deep navy, a soft sky-blue glow in the corner, sky-blue accents. */
export const dark: ThemeDefinition = {
  palette: {
    name: "dark",
    background: "#0b1120",
    backgroundImage:
      "radial-gradient(circle at 92% 0%, rgba(56, 189, 248, 0.20), rgba(56, 189, 248, 0) 55%), linear-gradient(135deg, #0b1120 0%, #111b33 100%)",
    title: "#f8fafc",
    subtitle: "#a5b4cb",
    caption: "#7c8aa5",
    accent: "#38bdf8",
    iconTile: "rgba(56, 189, 248, 0.14)",
    brandBar: "rgba(255, 255, 255, 0.05)",
    brandText: "#e2e8f0",
    pattern: "rgba(148, 163, 184, 0.16)",
  },
  design: { bar: "band", iconTile: true, rule: 6, titleTracking: -0.02, titleScale: 1 },
};
