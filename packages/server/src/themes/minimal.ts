import type { Palette } from "./palette.js";

export const minimal: Palette = {
  name: "minimal",
  background: "#fafaf9",
  title: "#1c1917",
  subtitle: "#57534e",
  caption: "#78716c",
  accent: "#1c1917",
  iconTile: "rgba(28, 25, 23, 0.06)",
  brandBar: "#f0efed",
  brandText: "#1c1917",
  pattern: "rgba(28, 25, 23, 0.07)",
};
