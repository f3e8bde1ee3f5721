import type { ResolvedOgParams, Theme } from "@ogkit/sdk";
import { bold } from "./bold.js";
import { cyberpunk } from "./cyberpunk.js";
import { dark } from "./dark.js";
import { gradient } from "./gradient.js";
import { light } from "./light.js";
import { minimal } from "./minimal.js";
import type { Palette } from "./palette.js";

export type { Palette } from "./palette.js";

/** Every theme of the schema's enum: the Record type makes a missing one a compile error. */
export const palettes: Record<Theme, Palette> = { dark, light, gradient, cyberpunk, minimal, bold };

/** The theme's palette with the params' color overrides applied. */
export function paletteFor(params: ResolvedOgParams): Palette {
  const base = palettes[params.theme];
  const hex = (value: string | undefined) => (value === undefined ? undefined : `#${value}`);
  const overrides: Partial<Palette> = {};
  if (params.bgColor) Object.assign(overrides, { background: hex(params.bgColor), backgroundImage: undefined });
  if (params.bgGradient) {
    const [from, to] = params.bgGradient;
    Object.assign(overrides, {
      background: `#${from}`,
      backgroundImage: `linear-gradient(135deg, #${from} 0%, #${to} 100%)`,
    });
  }
  if (params.titleColor) overrides.title = hex(params.titleColor);
  if (params.subtitleColor) overrides.subtitle = hex(params.subtitleColor);
  if (params.accent) {
    overrides.accent = hex(params.accent);
    overrides.iconTile = `#${params.accent}24`;
  }
  return { ...base, ...overrides };
}

/** What GET /api/v1/themes lists. */
export function listThemes(): Palette[] {
  return Object.values(palettes);
}
