import type { ThemeDefinition } from "./palette.js";

/** Night purple with neon: a magenta glow on the title, cyan text, a magenta-to-cyan edge. */
export const cyberpunk: ThemeDefinition = {
  palette: {
    name: "cyberpunk",
    background: "#0d0221",
    backgroundImage:
      "radial-gradient(circle at 100% 100%, rgba(255, 42, 109, 0.22), rgba(255, 42, 109, 0) 50%), radial-gradient(circle at 0% 0%, rgba(5, 217, 232, 0.12), rgba(5, 217, 232, 0) 45%), linear-gradient(160deg, #0d0221 0%, #1b0a3c 60%, #2a0845 100%)",
    title: "#fdf4ff",
    subtitle: "#05d9e8",
    caption: "#b8a9d9",
    accent: "#ff2a6d",
    iconTile: "rgba(255, 42, 109, 0.16)",
    brandBar: "rgba(5, 217, 232, 0.08)",
    brandText: "#05d9e8",
    pattern: "rgba(5, 217, 232, 0.20)",
  },
  design: {
    topStrip: "linear-gradient(90deg, #ff2a6d 0%, #d300c5 50%, #05d9e8 100%)",
    bar: "band",
    barEdge: "rgba(5, 217, 232, 0.55)",
    iconTile: true,
    rule: 6,
    titleTracking: -0.01,
    titleScale: 1,
    titleShadow: "0 0 14px rgba(255, 42, 109, 0.70)",
  },
};
