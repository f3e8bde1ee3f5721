import assert from "node:assert/strict";
// #region get-api
import { type LucideIconName, ogUrl, type Pattern, type Theme } from "@ogkit/sdk";

// The GET API's getOgImageUrl(title, subtitle, options), with ogkit's builder: the same names, typed
// and validated, and a canonical URL on your own host.
function getOgImageUrl(
  title: string,
  subtitle: string,
  options: { theme?: Theme; icon?: LucideIconName; pattern?: Pattern } = {},
) {
  return ogUrl(
    { title, subtitle, theme: options.theme ?? "dark", pattern: options.pattern ?? "dots", icon: options.icon },
    { baseUrl: "https://og.example.com" },
  );
}

assert.equal(
  getOgImageUrl("How to Build a REST API", "A Complete Guide for Beginners", {
    theme: "cyberpunk",
    icon: "rocket",
    pattern: "circuit",
  }),
  "https://og.example.com/api/v1/og?title=How%20to%20Build%20a%20REST%20API&subtitle=A%20Complete%20Guide%20for%20Beginners&theme=cyberpunk&pattern=circuit&icon=rocket",
);
// #endregion
