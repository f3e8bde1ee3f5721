import type { Palette } from "./palette.js";

export const dark: Palette = {
  name: "dark",
  background: "#0b1120",
  backgroundImage: "linear-gradient(135deg, #0b1120 0%, #111b33 100%)",
  title: "#f8fafc",
  subtitle: "#a5b4cb",
  caption: "#6b7a93",
  accent: "#38bdf8",
  iconTile: "rgba(56, 189, 248, 0.14)",
  brandBar: "rgba(255, 255, 255, 0.05)",
  brandText: "#e2e8f0",
  pattern: "rgba(148, 163, 184, 0.16)",
};
