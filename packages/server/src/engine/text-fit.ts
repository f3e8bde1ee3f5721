import type opentype from "opentype.js";
import { type FontWeight, fonts } from "./fonts.js";

/**
 * Text measurement for fitting: advance widths of the glyphs of the loaded Inter fonts (no
 * kerning), with estimates for glyphs Inter lacks (wide CJK, emoji). Satori does the real layout;
 * this decides the font size and line clamp beforehand and reports honest diagnostics.
 */

const ZERO_WIDTH_SPACE = "\u200b";
const advanceCache: Record<FontWeight, Map<string, number>> = { 400: new Map(), 700: new Map() };
const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const EMOJI = /\p{Extended_Pictographic}/u;
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
const COMBINING = /^\p{M}+$/u;

/** Width of one grapheme in em. */
function graphemeEm(grapheme: string, weight: FontWeight): number {
  const cache = advanceCache[weight];
  const cached = cache.get(grapheme);
  if (cached !== undefined) return cached;
  let em: number;
  if (EMOJI.test(grapheme)) em = 1.15;
  else if (WIDE.test(grapheme)) em = 1;
  else if (COMBINING.test(grapheme)) em = 0;
  else em = glyphEm(grapheme, fonts().metrics[weight]);
  if (cache.size < 8192) cache.set(grapheme, em);
  return em;
}

function glyphEm(grapheme: string, faces: opentype.Font[]): number {
  // The base character decides; combining marks on it take no width.
  const base = String.fromCodePoint(grapheme.codePointAt(0) as number);
  for (const face of faces) {
    const glyph = face.charToGlyph(base);
    if (glyph.index !== 0) return (glyph.advanceWidth ?? 0) / face.unitsPerEm;
  }
  return 0.6;
}

export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (part) => part.segment);
}

/** Width of a text in px at a font size. */
export function measure(text: string, fontSize: number, weight: FontWeight): number {
  let em = 0;
  for (const grapheme of graphemes(text)) em += graphemeEm(grapheme, weight);
  return em * fontSize;
}

export interface Wrapped {
  /** The lines a greedy wrap gives at this size. */
  lines: string[];
  /** The text with break opportunities inserted inside words wider than a line. */
  text: string;
}

/**
 * Greedy word wrap, as a browser or satori wraps: breaks at spaces, and inside any word that is
 * wider than the line (where a zero-width space is inserted so satori breaks there too).
 */
export function wrap(text: string, fontSize: number, weight: FontWeight, maxWidth: number): Wrapped {
  const lines: string[] = [];
  const out: string[] = [];
  const space = measure(" ", fontSize, weight);
  let line = "";
  let lineWidth = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const width = measure(word, fontSize, weight);
    if (width <= maxWidth) {
      if (line && lineWidth + space + width <= maxWidth) {
        line += ` ${word}`;
        lineWidth += space + width;
      } else {
        if (line) lines.push(line);
        line = word;
        lineWidth = width;
      }
      out.push(word);
      continue;
    }
    // A word wider than the line: cut it into pieces that fit, starting on a fresh line.
    if (line) lines.push(line);
    const pieces: string[] = [];
    let piece = "";
    let pieceWidth = 0;
    for (const grapheme of graphemes(word)) {
      const w = graphemeEm(grapheme, weight) * fontSize;
      if (piece && pieceWidth + w > maxWidth) {
        pieces.push(piece);
        piece = "";
        pieceWidth = 0;
      }
      piece += grapheme;
      pieceWidth += w;
    }
    lines.push(...pieces);
    line = piece;
    lineWidth = pieceWidth;
    out.push([...pieces, piece].join(ZERO_WIDTH_SPACE));
  }
  if (line) lines.push(line);
  return { lines, text: out.join(" ") };
}

export interface FitOptions {
  weight: FontWeight;
  maxWidth: number;
  /** The largest size to try; sizes step down from it. */
  maxSize: number;
  minSize: number;
  lineHeight: number;
  /** The height the text may take. */
  maxHeight: number;
  /** The most lines to show, however much height there is. */
  maxLines: number;
}

export interface Fitted {
  fontSize: number;
  text: string;
  /** Lines shown (after clamping). */
  lines: number;
  /** Lines the text would need at this size; more than `lines` means it was clamped. */
  neededLines: number;
  clampLines: number;
  truncated: boolean;
}

/** Steps the font size down until the text fits its box, then clamps what still does not fit. */
export function fit(text: string, options: FitOptions): Fitted {
  const step = Math.max(1, Math.round(options.maxSize / 16));
  let fontSize = Math.round(options.maxSize);
  for (;;) {
    const lineLimit = Math.max(
      1,
      Math.min(options.maxLines, Math.floor(options.maxHeight / (fontSize * options.lineHeight))),
    );
    const wrapped = wrap(text, fontSize, options.weight, options.maxWidth);
    const needed = wrapped.lines.length;
    if (needed <= lineLimit || fontSize - step < options.minSize) {
      return {
        fontSize,
        text: wrapped.text,
        lines: Math.min(needed, lineLimit),
        neededLines: needed,
        clampLines: lineLimit,
        truncated: needed > lineLimit,
      };
    }
    fontSize -= step;
  }
}
