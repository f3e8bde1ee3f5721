import type { Palette } from "./palette.js";

export const cyberpunk: Palette = {
  name: "cyberpunk",
  background: "#0d0221",
  backgroundImage: "linear-gradient(160deg, #0d0221 0%, #1b0a3c 60%, #2a0845 100%)",
  title: "#f5f3ff",
  subtitle: "#05d9e8",
  caption: "#b8a9d9",
  accent: "#ff2a6d",
  iconTile: "rgba(255, 42, 109, 0.16)",
  brandBar: "rgba(5, 217, 232, 0.10)",
  brandText: "#05d9e8",
  pattern: "rgba(5, 217, 232, 0.20)",
};
