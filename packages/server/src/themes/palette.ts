import type { Theme } from "@ogkit/sdk";

/** A theme is a palette; layouts decide where each color goes. Colors are CSS values. */
export interface Palette {
  name: Theme;
  /** Solid base color (also what JPEG flattens onto). */
  background: string;
  /** Optional gradient drawn over the base. */
  backgroundImage?: string;
  title: string;
  subtitle: string;
  caption: string;
  /** Icons, highlights and the metric value. */
  accent: string;
  /** Background of the icon tile. */
  iconTile: string;
  brandBar: string;
  brandText: string;
  /** Color of the background pattern's strokes and dots. */
  pattern: string;
}
