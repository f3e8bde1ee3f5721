import { readFileSync } from "node:fs";
import opentype from "opentype.js";
import { join, packageDir } from "./assets.js";

/** The one family every built-in layout uses. */
export const FONT_FAMILY = "Inter";

// Static (not variable) woff files of @fontsource/inter; satori reads woff, not woff2. Satori keeps
// one face per family, weight and style, so subsets registered under one name would shadow each
// other (Cyrillic would render as .notdef boxes). Latin is "Inter"; each other subset is its own
// family ("Inter cyrillic", ...), which satori tries, in the order given, for glyphs Inter lacks.
const SUBSETS = ["latin", "latin-ext", "cyrillic", "cyrillic-ext", "greek", "greek-ext", "vietnamese"] as const;
const WEIGHTS = [400, 700] as const;
export type FontWeight = (typeof WEIGHTS)[number];

export interface SatoriFont {
  name: string;
  data: ArrayBuffer;
  weight: FontWeight;
  style: "normal";
}

/**
 * One face for measuring text, parsed on first use: Latin text never reaches the other subsets,
 * and each parse keeps opentype.js's tables and glyph objects on the thread's heap for good.
 */
export interface MetricsFace {
  readonly font: opentype.Font;
  /** Whether `font` has been parsed yet. */
  readonly parsed: boolean;
}

interface LoadedFonts {
  satori: SatoriFont[];
  /** Faces per weight, in satori's fallback order, for measuring text. */
  metrics: Record<FontWeight, MetricsFace[]>;
}

function lazyFace(data: ArrayBuffer): MetricsFace {
  let font: opentype.Font | undefined;
  return {
    get font() {
      font ??= opentype.parse(data);
      return font;
    },
    get parsed() {
      return font !== undefined;
    },
  };
}

/**
 * The first face, in satori's fallback order, with a glyph for a character, and that glyph; none
 * when no face has one. Parses only the faces it has to try.
 */
export function glyphOf(
  char: string,
  faces: readonly MetricsFace[],
): { face: opentype.Font; glyph: opentype.Glyph } | undefined {
  for (const { font: face } of faces) {
    const glyph = face.charToGlyph(char);
    if (glyph.index !== 0) return { face, glyph };
  }
  return undefined;
}

let loaded: LoadedFonts | undefined;

function toArrayBuffer(buffer: Buffer): ArrayBuffer {
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
}

/** Reads and parses the fonts once per process (or worker). */
export function fonts(): LoadedFonts {
  if (loaded) return loaded;
  const dir = join(packageDir("@fontsource/inter"), "files");
  const satori: SatoriFont[] = [];
  const metrics = { 400: [], 700: [] } as Record<FontWeight, MetricsFace[]>;
  for (const subset of SUBSETS) {
    for (const weight of WEIGHTS) {
      const data = toArrayBuffer(readFileSync(join(dir, `inter-${subset}-${weight}-normal.woff`)));
      const name = subset === "latin" ? FONT_FAMILY : `${FONT_FAMILY} ${subset}`;
      satori.push({ name, data, weight, style: "normal" });
      metrics[weight].push(lazyFace(data));
    }
  }
  loaded = { satori, metrics };
  return loaded;
}
