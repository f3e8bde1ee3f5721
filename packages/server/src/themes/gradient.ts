import type { Palette } from "./palette.js";

export const gradient: Palette = {
  name: "gradient",
  background: "#6366f1",
  backgroundImage: "linear-gradient(135deg, #4f46e5 0%, #9333ea 55%, #db2777 100%)",
  title: "#ffffff",
  subtitle: "rgba(255, 255, 255, 0.86)",
  caption: "rgba(255, 255, 255, 0.70)",
  accent: "#fde68a",
  iconTile: "rgba(255, 255, 255, 0.18)",
  brandBar: "rgba(15, 23, 42, 0.22)",
  brandText: "#ffffff",
  pattern: "rgba(255, 255, 255, 0.14)",
};
