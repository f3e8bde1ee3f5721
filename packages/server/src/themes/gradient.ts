import type { ThemeDefinition } from "./palette.js";

/** Indigo through purple to pink, lit from the top corner; white type, warm yellow accents. */
export const gradient: ThemeDefinition = {
  palette: {
    name: "gradient",
    background: "#7c3aed",
    backgroundImage:
      "radial-gradient(circle at 85% 5%, rgba(255, 255, 255, 0.24), rgba(255, 255, 255, 0) 45%), linear-gradient(135deg, #4f46e5 0%, #9333ea 55%, #db2777 100%)",
    title: "#ffffff",
    subtitle: "rgba(255, 255, 255, 0.88)",
    caption: "rgba(255, 255, 255, 0.72)",
    accent: "#fde68a",
    iconTile: "rgba(255, 255, 255, 0.18)",
    brandBar: "rgba(15, 23, 42, 0.22)",
    brandText: "#ffffff",
    pattern: "rgba(255, 255, 255, 0.14)",
  },
  design: {
    bar: "band",
    iconTile: true,
    rule: 6,
    titleTracking: -0.02,
    titleScale: 1,
    titleShadow: "0 2px 10px rgba(30, 10, 60, 0.25)",
  },
};
