import type { ResolvedOgParams } from "@ogkit/sdk";
import { FONT_FAMILY, type FontWeight } from "../engine/fonts.js";
import { iconDataUri } from "../engine/icons.js";
import { type Fitted, fit } from "../engine/text-fit.js";
import type { OgElement, RenderDiagnostics } from "../engine/types.js";
import { patternStyle } from "../patterns/index.js";
import { type Palette, resolveTheme, type ThemeDesign } from "../themes/index.js";

type Style = Record<string, unknown>;
type Child = OgElement | string | false | undefined;

/** A satori element. */
export function h(type: string, style: Style, ...children: Child[]): OgElement {
  const kept = children.filter((child): child is OgElement | string => Boolean(child));
  return { type, props: { style, children: kept.length === 1 ? kept[0] : kept } };
}

/** An element with a key, which names it in satori's layout (tests find boxes by it). */
export function keyed(key: string, element: OgElement): OgElement {
  return { ...element, key };
}

/** What a layout returns: its element tree and what happened to the text. */
export interface LayoutResult {
  element: OgElement;
  diagnostics: RenderDiagnostics;
}

export type Layout = (params: ResolvedOgParams) => LayoutResult;

/** Text smaller than this is noise, not information: optional texts are left out rather than shrunk below it. */
export const MIN_READABLE_PX = 9;

/** Sizes of a card, all scaled from a 1200x630 design. */
export interface Frame {
  params: ResolvedOgParams;
  palette: Palette;
  design: ThemeDesign;
  /** The accent where it shows on the background, else the title color. */
  accent: string;
  /** Scale of spacing, from the 1200x630 design. */
  scale: number;
  /** Scale of type and icons: larger than `scale` on taller cards, so a square card is not mostly empty. */
  typeScale: number;
  /** px at 1200x630 -> px of this card, for spacing and for type. */
  s(px: number): number;
  t(px: number): number;
  padX: number;
  padY: number;
  contentWidth: number;
  stripHeight: number;
  brandHeight: number;
  /** Height left for the content column between the paddings, strip and bar. */
  room: number;
}

export function frameOf(params: ResolvedOgParams): Frame {
  const { palette, design, visibleAccent } = resolveTheme(params);
  const scale = Math.min(params.width / 1200, params.height / 630);
  const tallness = Math.min(1.45, Math.max(1, Math.sqrt(params.height / params.width / (630 / 1200))));
  const typeScale = scale * tallness;
  const padX = Math.round(72 * scale);
  const padY = Math.round(60 * scale);
  const stripHeight = design.topStrip ? Math.max(2, Math.round(8 * scale)) : 0;
  const brandHeight = params.brand ? Math.max(12, Math.round(76 * typeScale)) : 0;
  return {
    params,
    palette,
    design,
    accent: visibleAccent,
    scale,
    typeScale,
    s: (px) => Math.round(px * scale),
    t: (px) => Math.round(px * typeScale),
    padX,
    padY,
    contentWidth: params.width - 2 * padX,
    stripHeight,
    brandHeight,
    room: params.height - 2 * padY - stripHeight - brandHeight,
  };
}

export interface TextSpec {
  text: string | undefined;
  weight: FontWeight;
  size: number;
  minSize: number;
  /** Multiple of the font size. */
  lineHeight: number;
  maxLines: number;
  /** em */
  letterSpacing?: number;
  /** Defaults to the content width. */
  width?: number;
}

/** Fits an optional text into its width and at most `maxHeight`; undefined when absent or unreadably small. */
export function fitText(frame: Frame, spec: TextSpec, maxHeight: number): Fitted | undefined {
  if (!spec.text || spec.size < MIN_READABLE_PX) return undefined;
  return fit(spec.text, {
    weight: spec.weight,
    maxWidth: spec.width ?? frame.contentWidth,
    maxSize: spec.size,
    minSize: Math.max(MIN_READABLE_PX, spec.minSize),
    lineHeight: spec.lineHeight,
    letterSpacing: spec.letterSpacing,
    maxHeight,
    maxLines: spec.maxLines,
  });
}

/** The height a fitted text takes, in px. */
export const heightOf = (fitted: Fitted | undefined) => (fitted ? fitted.lines * fitted.lineHeight : 0);

/**
 * A text block of a fixed width, clamped (with an ellipsis) to the lines it was fitted to. The key
 * names the block in satori's layout (tests compare the fitted lines with satori's).
 */
export function textBlock(key: string, fitted: Fitted, weight: FontWeight, style: Style & { width: number }) {
  return {
    type: "div",
    key,
    props: {
      style: {
        display: "block",
        fontSize: fitted.fontSize,
        fontWeight: weight,
        lineHeight: `${fitted.lineHeight}px`,
        letterSpacing: fitted.letterSpacing,
        lineClamp: fitted.clampLines,
        // A safety net under the fitting's own breaks: never let a word run out of the card.
        overflowWrap: "anywhere",
        ...style,
      },
      children: fitted.text,
    },
  } satisfies OgElement;
}

/** The icon, in the accent color, on a tinted tile where the theme has one. */
export function iconTile(frame: Frame, size: number): OgElement | undefined {
  const { params, palette, design } = frame;
  if (!params.icon) return undefined;
  const color = frame.accent.replace("#", "");
  const glyph = Math.round(size * (design.iconTile ? 0.56 : 0.9));
  const img = {
    type: "img",
    props: {
      src: iconDataUri(params.icon, /^[0-9a-f]{6}$/i.test(color) ? color : "ffffff"),
      width: glyph,
      height: glyph,
    },
  };
  return h(
    "div",
    {
      display: "flex",
      alignItems: "center",
      justifyContent: design.iconTile ? "center" : "flex-start",
      width: size,
      height: size,
      flexShrink: 0,
      borderRadius: Math.round(size * 0.24),
      ...(design.iconTile ? { backgroundColor: palette.iconTile } : {}),
    },
    img,
  );
}

/** The accent rule over a title, where the theme draws one. */
export function accentRule(frame: Frame): { element: OgElement; height: number } | undefined {
  const { design, s } = frame;
  if (!design.rule) return undefined;
  const height = Math.max(2, s(design.rule));
  const width = Math.max(8, s(design.rule > 8 ? 96 : 64));
  return {
    element: h("div", {
      width,
      height,
      borderRadius: Math.round(height / 2),
      backgroundColor: frame.accent,
      flexShrink: 0,
    }),
    height,
  };
}

/** The bottom bar: an accent mark and the brand name, on a band or over a hairline. */
export function brandBar(frame: Frame): { element: OgElement | undefined; fitted: Fitted | undefined } {
  const { params, palette, design, padX, brandHeight, typeScale } = frame;
  if (!params.brand) return { element: undefined, fitted: undefined };
  const mark = Math.max(4, Math.round(14 * typeScale));
  const fitted = fit(params.brand, {
    weight: 700,
    maxWidth: frame.contentWidth - 2 * mark,
    maxSize: Math.max(MIN_READABLE_PX, Math.round(26 * typeScale)),
    minSize: MIN_READABLE_PX,
    lineHeight: 1.2,
    maxHeight: brandHeight,
    maxLines: 1,
  });
  // A mark the color of its bar (the bold theme's black on black) takes the brand text color.
  const markColor = frame.accent === palette.brandBar ? palette.brandText : frame.accent;
  const band = design.bar === "band";
  const element = keyed(
    "bar",
    h(
      "div",
      {
        display: "flex",
        alignItems: "center",
        flexShrink: 0,
        height: brandHeight,
        color: palette.brandText,
        ...(band
          ? {
              paddingLeft: padX,
              paddingRight: padX,
              backgroundColor: palette.brandBar,
              ...(design.barEdge ? { borderTop: `${Math.max(1, frame.s(2))}px solid ${design.barEdge}` } : {}),
            }
          : {
              marginLeft: padX,
              marginRight: padX,
              borderTop: `${Math.max(1, frame.s(2))}px solid ${palette.brandBar}`,
            }),
      },
      h("div", {
        width: mark,
        height: mark,
        borderRadius: Math.round(mark / 4),
        backgroundColor: markColor,
        marginRight: mark,
        flexShrink: 0,
      }),
      textBlock("brand", fitted, 700, { width: frame.contentWidth - 2 * mark, letterSpacing: 0.2 }),
    ),
  );
  return { element, fitted };
}

/** The padded column the text of a layout stands in, above the brand bar. */
export function contentArea(frame: Frame, justify: "center" | "space-between", ...children: Child[]): OgElement {
  const { padX, padY } = frame;
  return keyed(
    "content",
    h(
      "div",
      {
        display: "flex",
        flexDirection: "column",
        justifyContent: justify,
        flexGrow: 1,
        flexShrink: 1,
        minHeight: 0,
        paddingLeft: padX,
        paddingRight: padX,
        paddingTop: padY,
        paddingBottom: padY,
      },
      ...children,
    ),
  );
}

/**
 * The card: background, pattern layer, top strip, content area and brand bar. Nothing sets
 * `overflow: hidden`: the fitting keeps every block inside (tests check it against satori's layout),
 * the SVG's own bounds clip the card, and satori draws overflow as a mask on every descendant,
 * which made resvg take about 40% longer.
 */
export function card(frame: Frame, content: OgElement, bar: OgElement | undefined): OgElement {
  const { params, palette, design, scale } = frame;
  const pattern = patternStyle(params.pattern, palette.pattern, scale);
  return h(
    "div",
    {
      display: "flex",
      flexDirection: "column",
      position: "relative",
      width: params.width,
      height: params.height,
      backgroundColor: palette.background,
      ...(palette.backgroundImage ? { backgroundImage: palette.backgroundImage } : {}),
      fontFamily: FONT_FAMILY,
      color: palette.title,
    },
    // Satori paints positioned elements after the content, as CSS does: z-index -1 keeps the pattern
    // under the text (it was drawn over it, tinting the letters).
    pattern &&
      h("div", {
        position: "absolute",
        top: 0,
        left: 0,
        zIndex: -1,
        width: params.width,
        height: params.height,
        ...pattern,
      }),
    design.topStrip &&
      h("div", { width: params.width, height: frame.stripHeight, flexShrink: 0, backgroundImage: design.topStrip }),
    content,
    bar,
  );
}

export function diagnosticsOf(frame: Frame, layout: string, title: Fitted, others: (Fitted | undefined)[]) {
  return {
    theme: frame.params.theme,
    layout,
    titleLines: title.lines,
    titleFontSize: title.fontSize,
    truncated: [title, ...others].some((fitted) => fitted?.truncated),
  } satisfies RenderDiagnostics;
}
