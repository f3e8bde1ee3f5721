import type { Palette } from "./palette.js";

export const light: Palette = {
  name: "light",
  background: "#ffffff",
  title: "#0f172a",
  subtitle: "#475569",
  caption: "#64748b",
  accent: "#2563eb",
  iconTile: "rgba(37, 99, 235, 0.10)",
  brandBar: "#f1f5f9",
  brandText: "#0f172a",
  pattern: "rgba(15, 23, 42, 0.08)",
};
