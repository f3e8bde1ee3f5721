import type { Palette } from "./palette.js";

export const bold: Palette = {
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
};
