import { parseOgParams, themes } from "@ogkit/sdk";
import { describe, expect, it } from "vitest";
import { contrast, parseColor, type Rgba } from "./color.js";
import { listThemes, resolveTheme, themeDefinitions } from "./index.js";

const rgba = (value: string) => parseColor(value) as Rgba;

describe("themes", () => {
  it("has one file-defined theme per schema theme, listed with its palette", () => {
    expect(Object.keys(themeDefinitions)).toEqual([...themes]);
    expect(listThemes().map((palette) => palette.name)).toEqual([...themes]);
  });

  it("keeps every theme's text readable on its own background", () => {
    for (const { palette } of Object.values(themeDefinitions)) {
      const background = rgba(palette.background);
      expect(contrast(rgba(palette.title), background), palette.name).toBeGreaterThanOrEqual(4.5);
      expect(contrast(rgba(palette.subtitle), background), palette.name).toBeGreaterThanOrEqual(3);
    }
  });

  it("lets titleColor, subtitleColor, bgColor, bgGradient and accent beat the theme", () => {
    const { palette, visibleAccent } = resolveTheme(
      parseOgParams("title=x&titleColor=111111&subtitleColor=222222&bgColor=fafafa&accent=ff6600"),
    );
    expect(palette).toMatchObject({
      title: "#111111",
      subtitle: "#222222",
      background: "#fafafa",
      backgroundImage: undefined,
      accent: "#ff6600",
    });
    expect(visibleAccent).toBe("#ff6600");
    const gradient = resolveTheme(parseOgParams("title=x&bgGradient=ff0000,0000ff")).palette;
    expect(gradient.backgroundImage).toBe("linear-gradient(135deg, #ff0000 0%, #0000ff 100%)");
  });

  it("keeps the text readable when a background override flips the theme from light to dark", () => {
    const { palette } = resolveTheme(parseOgParams("title=x&theme=light&bgColor=000000"));
    expect(contrast(rgba(palette.title), rgba("#000000"))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(rgba(palette.brandText), rgba("#000000"))).toBeGreaterThanOrEqual(4.5);
    const kept = resolveTheme(parseOgParams("title=x&theme=light&bgColor=000000&titleColor=333333")).palette;
    expect(kept.title).toBe("#333333");
  });

  it("draws accents in the title color where the accent would vanish into the background", () => {
    const { visibleAccent, palette } = resolveTheme(parseOgParams("title=x&theme=gradient&accent=7c3aed"));
    expect(palette.accent).toBe("#7c3aed");
    expect(visibleAccent).toBe(palette.title);
  });
});
