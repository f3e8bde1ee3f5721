import type opentype from "opentype.js";
import { type FontWeight, fonts, glyphOf, type MetricsFace } from "./fonts.js";

/**
 * Text measurement for fitting: advance widths of the glyphs of the loaded Inter fonts, read with
 * opentype.js from the same woff files satori draws with (no kerning), plus letter spacing, with
 * estimates for glyphs Inter lacks (wide CJK 1em, emoji 1.15em). A greedy wrap with the break rules
 * satori uses (spaces, after hyphens, inside over-long words) gives the line count. Satori does
 * the real layout; this picks the font size and line clamp beforehand and reports the diagnostics,
 * and a test checks it against satori's measured layout.
 */

interface GraphemeMetrics {
  /** Advance width in em. */
  em: number;
  /** The face and glyph that draw it, for kerning with its neighbours (none for emoji, CJK, marks). */
  face?: opentype.Font;
  glyph?: opentype.Glyph;
}

const metricsCache: Record<FontWeight, Map<string, GraphemeMetrics>> = { 400: new Map(), 700: new Map() };
const kerningCache = new Map<string, number>();
const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const EMOJI = /\p{Extended_Pictographic}/u;
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
const COMBINING = /^\p{M}+$/u;

/** Width of one grapheme in em, and the glyph that draws it. */
function graphemeMetrics(grapheme: string, weight: FontWeight): GraphemeMetrics {
  const cache = metricsCache[weight];
  const cached = cache.get(grapheme);
  if (cached !== undefined) return cached;
  let metrics: GraphemeMetrics;
  if (EMOJI.test(grapheme)) metrics = { em: 1.15 };
  else if (WIDE.test(grapheme)) metrics = { em: 1 };
  else if (COMBINING.test(grapheme)) metrics = { em: 0 };
  else metrics = glyphMetrics(grapheme, fonts().metrics[weight]);
  if (cache.size < 8192) cache.set(grapheme, metrics);
  return metrics;
}

function glyphMetrics(grapheme: string, faces: MetricsFace[]): GraphemeMetrics {
  // The base character decides; combining marks on it take no width. Faces are tried in the order
  // satori falls back across them.
  const found = glyphOf(String.fromCodePoint(grapheme.codePointAt(0) as number), faces);
  if (!found) return { em: 0.6 };
  const { face, glyph } = found;
  return { em: (glyph.advanceWidth ?? 0) / face.unitsPerEm, face, glyph };
}

/** Pair kerning in em between two graphemes drawn by the same face (what opentype.js reads of it). */
function kerningEm(left: GraphemeMetrics, right: GraphemeMetrics, weight: FontWeight): number {
  const { face } = right;
  if (!face || left.face !== face || !left.glyph || !right.glyph) return 0;
  const key = `${weight}|${left.glyph.index}|${right.glyph.index}|${face.names.fullName?.en ?? ""}`;
  let em = kerningCache.get(key);
  if (em === undefined) {
    em = face.getKerningValue(left.glyph, right.glyph) / face.unitsPerEm;
    if (kerningCache.size < 65536) kerningCache.set(key, em);
  }
  return em;
}

/** Width of one grapheme in em (without kerning). */
function graphemeEm(grapheme: string, weight: FontWeight): number {
  return graphemeMetrics(grapheme, weight).em;
}

export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (part) => part.segment);
}

/** Width of a text in px at a font size, kerned, with letter spacing in em added after every grapheme. */
export function measure(text: string, fontSize: number, weight: FontWeight, letterSpacing = 0): number {
  let em = 0;
  let previous: GraphemeMetrics | undefined;
  for (const grapheme of graphemes(text)) {
    const metrics = graphemeMetrics(grapheme, weight);
    em += metrics.em + letterSpacing + (previous ? kerningEm(previous, metrics, weight) : 0);
    previous = metrics;
  }
  return em * fontSize;
}

export interface Wrapped {
  /** The lines a greedy wrap gives at this size. */
  lines: string[];
  /** The lines' text: the original text (satori breaks over-long words itself, with overflowWrap). */
  text: string;
}

export interface WrapOptions {
  weight: FontWeight;
  maxWidth: number;
  /** Letter spacing in em. */
  letterSpacing?: number;
}

// A word's break opportunities, as satori's line breaker (UAX #14) finds them: after a hyphen that
// follows a letter or digit ("production-|ready").
const AFTER_HYPHEN = /(?<=[\p{L}\p{N}]-)(?=[\p{L}\p{N}])/u;

/**
 * Greedy word wrap, as a browser or satori wraps: breaks at spaces and after hyphens, and inside
 * any word that is wider than the line, which starts a line of its own (what satori does with
 * `overflowWrap: anywhere`, which text blocks set).
 */
export function wrap(text: string, fontSize: number, options: WrapOptions): Wrapped {
  const { weight, maxWidth, letterSpacing = 0 } = options;
  const lines: string[] = [];
  const out: string[] = [];
  const space = measure(" ", fontSize, weight, letterSpacing);
  let line = "";
  let lineWidth = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const parts = word.split(AFTER_HYPHEN);
    const widths = parts.map((part) => measure(part, fontSize, weight, letterSpacing));
    if (widths.every((width) => width <= maxWidth)) {
      parts.forEach((part, i) => {
        const width = widths[i] as number;
        const gap = i === 0 && line ? space : 0;
        if (line && lineWidth + gap + width <= maxWidth) {
          line += (gap ? " " : "") + part;
          lineWidth += gap + width;
        } else {
          if (line) lines.push(line);
          line = part;
          lineWidth = width;
        }
      });
      out.push(word);
      continue;
    }
    // A word wider than the line: cut it into pieces that fit, starting on a fresh line.
    if (line) lines.push(line);
    const pieces: string[] = [];
    let piece = "";
    let pieceWidth = 0;
    for (const grapheme of graphemes(word)) {
      const w = (graphemeEm(grapheme, weight) + letterSpacing) * fontSize;
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
    out.push(word);
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
  /** Line height as a multiple of the font size. */
  lineHeight: number;
  /** Letter spacing in em. */
  letterSpacing?: number;
  /** The height the text may take. */
  maxHeight: number;
  /** The most lines to show, however much height there is. */
  maxLines: number;
}

export interface Fitted {
  fontSize: number;
  /** Line height in whole px, as satori rounds it. */
  lineHeight: number;
  /** Letter spacing in px. */
  letterSpacing: number;
  text: string;
  /** Lines shown (after clamping). */
  lines: number;
  /** Lines the text would need at this size; more than `lines` means it was clamped. */
  neededLines: number;
  clampLines: number;
  truncated: boolean;
}

/** Steps the font size down (about 6% a step) until the text fits its box, then clamps the rest. */
export function fit(text: string, options: FitOptions): Fitted {
  const { weight, maxWidth, letterSpacing = 0 } = options;
  const minSize = Math.max(1, Math.round(options.minSize));
  const step = Math.max(1, Math.round(options.maxSize / 16));
  let fontSize = Math.max(minSize, Math.round(options.maxSize));
  for (;;) {
    const lineHeight = Math.max(1, Math.round(fontSize * options.lineHeight));
    const lineLimit = Math.max(1, Math.min(options.maxLines, Math.floor(options.maxHeight / lineHeight)));
    const wrapped = wrap(text, fontSize, { weight, maxWidth, letterSpacing });
    const needed = wrapped.lines.length;
    if (needed <= lineLimit || fontSize - step < minSize) {
      return {
        fontSize,
        lineHeight,
        letterSpacing: Math.round(letterSpacing * fontSize * 100) / 100,
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
