import type { ResolvedOgParams, Theme } from "@ogkit/sdk";
import { bold } from "./bold.js";
import { contrast, luminance, parseColor, type Rgba } from "./color.js";
import { cyberpunk } from "./cyberpunk.js";
import { dark } from "./dark.js";
import { gradient } from "./gradient.js";
import { light } from "./light.js";
import { minimal } from "./minimal.js";
import type { Palette, ThemeDefinition, ThemeDesign } from "./palette.js";

export type { Palette, ThemeDefinition, ThemeDesign } from "./palette.js";

/** Every theme of the schema's enum: the Record type makes a missing one a compile error. */
export const themeDefinitions: Record<Theme, ThemeDefinition> = { dark, light, gradient, cyberpunk, minimal, bold };

export const palettes = Object.fromEntries(
  Object.entries(themeDefinitions).map(([name, theme]) => [name, theme.palette]),
) as Record<Theme, Palette>;

/** What GET /api/v1/themes lists: each theme's name and colors. */
export function listThemes(): Palette[] {
  return Object.values(palettes);
}

/** A theme as a layout draws it: colors with the params' overrides, its design, a visible accent. */
export interface ResolvedTheme {
  palette: Palette;
  design: ThemeDesign;
  /** The accent, or the title color where the accent would not show on the background. */
  visibleAccent: string;
}

// Text colors for a background a caller chose, when the theme's own would not be readable on it.
const ON_DARK = { title: "#ffffff", subtitle: "rgba(255, 255, 255, 0.84)", caption: "rgba(255, 255, 255, 0.66)" };
const ON_LIGHT = { title: "#0f172a", subtitle: "#334155", caption: "#475569" };
const MIN_CONTRAST = { title: 3, subtitle: 3, caption: 2.5 } as const;

const rgb = (hex: string): Rgba => parseColor(`#${hex}`) as Rgba;
const worstContrast = (color: string, backgrounds: Rgba[]) => {
  const parsed = parseColor(color);
  return parsed ? Math.min(...backgrounds.map((background) => contrast(parsed, background))) : 21;
};

/** The theme's palette with the params' color overrides applied, kept readable. */
export function resolveTheme(params: ResolvedOgParams): ResolvedTheme {
  const { palette: base, design } = themeDefinitions[params.theme];
  const palette: Palette = { ...base };
  let backgrounds: Rgba[] | undefined;
  if (params.bgColor) {
    palette.background = `#${params.bgColor}`;
    palette.backgroundImage = undefined;
    backgrounds = [rgb(params.bgColor)];
  }
  if (params.bgGradient) {
    const [from, to] = params.bgGradient;
    palette.background = `#${from}`;
    palette.backgroundImage = `linear-gradient(135deg, #${from} 0%, #${to} 100%)`;
    backgrounds = [rgb(from), rgb(to)];
  }
  if (backgrounds) {
    // A caller's background can flip a theme from dark to light: keep its text readable and its
    // pattern and bar visible, unless the caller chose those colors too.
    const isDark = backgrounds.reduce((sum, color) => sum + luminance(color), 0) / backgrounds.length < 0.3;
    const neutral = isDark ? ON_DARK : ON_LIGHT;
    for (const role of ["title", "subtitle", "caption"] as const) {
      if (worstContrast(palette[role], backgrounds) < MIN_CONTRAST[role]) palette[role] = neutral[role];
    }
    const themeIsDark = luminance(parseColor(base.background) as Rgba) < 0.3;
    if (isDark !== themeIsDark) {
      palette.pattern = isDark ? "rgba(255, 255, 255, 0.14)" : "rgba(15, 23, 42, 0.08)";
      palette.brandBar = isDark ? "rgba(255, 255, 255, 0.08)" : "rgba(15, 23, 42, 0.06)";
      palette.brandText = neutral.title;
      palette.iconTile = isDark ? "rgba(255, 255, 255, 0.12)" : "rgba(15, 23, 42, 0.06)";
    }
  }
  if (params.titleColor) palette.title = `#${params.titleColor}`;
  if (params.subtitleColor) palette.subtitle = `#${params.subtitleColor}`;
  if (params.accent) {
    palette.accent = `#${params.accent}`;
    palette.iconTile = `#${params.accent}24`;
  }
  const surfaces = backgrounds ?? [parseColor(palette.background) as Rgba];
  const visibleAccent = worstContrast(palette.accent, surfaces) < 1.5 ? palette.title : palette.accent;
  return { palette, design, visibleAccent };
}
