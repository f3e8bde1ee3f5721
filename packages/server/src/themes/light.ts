import type { ThemeDefinition } from "./palette.js";

/** White paper, slate text, a blue-to-violet strip along the top. */
export const light: ThemeDefinition = {
  palette: {
    name: "light",
    background: "#ffffff",
    backgroundImage: "linear-gradient(180deg, #ffffff 0%, #f5f7fb 100%)",
    title: "#0f172a",
    subtitle: "#475569",
    caption: "#64748b",
    accent: "#2563eb",
    iconTile: "rgba(37, 99, 235, 0.10)",
    brandBar: "#eef2f7",
    brandText: "#0f172a",
    pattern: "rgba(15, 23, 42, 0.08)",
  },
  design: {
    topStrip: "linear-gradient(90deg, #2563eb 0%, #7c3aed 100%)",
    bar: "band",
    iconTile: true,
    rule: 6,
    titleTracking: -0.02,
    titleScale: 1,
  },
};
