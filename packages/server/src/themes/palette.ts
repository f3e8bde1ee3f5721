import type { Theme } from "@ogkit/sdk";

/** A theme's colors, as GET /api/v1/themes lists them. Colors are CSS values. */
export interface Palette {
  name: Theme;
  /** Solid base color (also what JPEG flattens onto). */
  background: string;
  /** Optional gradient layers drawn over the base. */
  backgroundImage?: string;
  title: string;
  subtitle: string;
  caption: string;
  /** Icons, highlights and the metric value. */
  accent: string;
  /** Background of the icon tile. */
  iconTile: string;
  /** The bottom bar: its fill (or hairline, for a hairline bar) and its text. */
  brandBar: string;
  brandText: string;
  /** Color of the background pattern's strokes and dots. */
  pattern: string;
}

/** What makes a theme a design of its own beyond its colors; layouts read it. Sizes are px at 1200x630. */
export interface ThemeDesign {
  /** A strip across the top of the card (CSS background), such as an accent gradient. */
  topStrip?: string;
  /** The bottom bar: a filled band, or the brand over a hairline. */
  bar: "band" | "hairline";
  /** A line along the top edge of a band bar. */
  barEdge?: string;
  /** Whether the icon sits on a tinted tile (otherwise it stands alone). */
  iconTile: boolean;
  /** Thickness of the accent rule over the title; 0 draws none. */
  rule: number;
  /** Title letter spacing in em. */
  titleTracking: number;
  /** Title size relative to the standard steps. */
  titleScale: number;
  /** A text shadow of the title (a glow), CSS. */
  titleShadow?: string;
}

/** One theme: one file in src/themes. */
export interface ThemeDefinition {
  palette: Palette;
  design: ThemeDesign;
}
