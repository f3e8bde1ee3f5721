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
goldenCases["metric-square"] = q({
  title: "Revenue",
  layout: "metric",
  value: "$48k",
  label: "MRR, up 12%",
  subtitle: "Q3 2026",
  brand: "Acme",
  icon: "trending-up",
  theme: "gradient",
  size: "square",
});
goldenCases["small-200x100"] = q({
  title: "A small card still fits",
  subtitle: "sub",
  brand: "B",
  icon: "rocket",
  width: "200",
  height: "100",
});
goldenCases.scripts = q({
  title: "Привет мир · Ελληνικά · Tiếng Việt · Łódź",
  subtitle: "Every Inter subset",
  theme: "light",
});
goldenCases["light-on-black"] = q({
  title: "The light theme on a black background",
  theme: "light",
  bgColor: "000000",
  brand: "Brand",
});
goldenCases.html = q({
  title: "html",
  html: '<div style="display:flex;flex-direction:column;justify-content:center;width:100%;height:100%;padding:80px;background:#0f766e;color:white"><div style="font-size:72px;font-weight:700">Custom HTML</div><div style="font-size:36px;opacity:0.8">rendered by satori-html</div></div>',
});
goldenCases["twitter-size"] = q({ title: "The twitter preset", size: "twitter", theme: "light", icon: "share-2" });
