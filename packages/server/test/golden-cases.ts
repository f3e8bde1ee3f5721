import { layouts, patterns, themes } from "@ogkit/sdk";

/**
 * Every golden image: name -> query. Each layout x theme, each pattern, icons, custom colors, the
 * metric layout, 1- and 200-character titles at the og and square sizes, emoji. Regenerate after an
 * intended visual change with `npm run goldens -w @ogkit/server`.
 */
const LONG_TITLE =
  "Two hundred characters of title, to prove that text always fits: it steps its size down, wraps at spaces, breaks Pneumonoultramicroscopicsilicovolcanoconiosis-like words and clamps with an ellipsis ok";

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

export const goldenCases: Record<string, string> = {};

for (const layout of layouts) {
  for (const theme of themes) {
    goldenCases[`${layout}-${theme}`] = q({
      title: layout === "metric" ? "Monthly active users" : "How to Build a REST API",
      subtitle: "A Complete Guide for Beginners",
      caption: "8 min read",
      brand: "ogkit.dev",
      icon: "rocket",
      theme,
      layout,
      ...(layout === "metric" ? { value: "1.2M", label: "up 18% from last month" } : {}),
    });
  }
}
for (const pattern of patterns) {
  goldenCases[`pattern-${pattern}`] = q({ title: `Pattern: ${pattern}`, pattern, theme: "dark" });
}
goldenCases["icon-accent"] = q({ title: "Custom accent icon", icon: "calendar", accent: "ff6600" });
goldenCases["custom-colors"] = q({
  title: "Brand colors",
  subtitle: "titleColor, subtitleColor and bgGradient override the theme",
  titleColor: "fef3c7",
  subtitleColor: "fde68a",
  bgGradient: "7c2d12,1e1b4b",
});
goldenCases["bg-color"] = q({ title: "A solid background", bgColor: "064e3b", theme: "dark", pattern: "dots" });
goldenCases["title-1-og"] = q({ title: "A" });
goldenCases["title-1-square"] = q({ title: "A", size: "square" });
goldenCases["title-200-og"] = q({ title: LONG_TITLE, subtitle: "And a subtitle", brand: "Brand" });
goldenCases["title-200-square"] = q({ title: LONG_TITLE, subtitle: "And a subtitle", brand: "Brand", size: "square" });
goldenCases["unbroken-word"] = q({ title: "x".repeat(200), theme: "light" });
goldenCases.emoji = q({ title: "Ship it 🚀 with 👩‍💻 and 🇯🇵", subtitle: "Emoji from the bundled twemoji set ✨" });
goldenCases["template-gradient"] = q({
  title: "How to deploy a Node.js app to Fly.io in 5 minutes",
  subtitle: "Marcus Chen · 8 min read",
  template: "gradient",
  accentColor: "#6366f1",
});
goldenCases["twitter-size"] = q({ title: "The twitter preset", size: "twitter", theme: "light", icon: "share-2" });
