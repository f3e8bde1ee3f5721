import type { ResolvedOgParams } from "@ogkit/sdk";
import { FONT_FAMILY, type FontWeight } from "../engine/fonts.js";
import { iconDataUri } from "../engine/icons.js";
import { type Fitted, fit } from "../engine/text-fit.js";
import type { OgElement, RenderDiagnostics } from "../engine/types.js";
import { patternStyle } from "../patterns/index.js";
import { type Palette, paletteFor } from "../themes/index.js";

type Style = Record<string, unknown>;
type Child = OgElement | string | false | undefined;

/** A satori element. */
export function h(type: string, style: Style, ...children: Child[]): OgElement {
  const kept = children.filter((child): child is OgElement | string => Boolean(child));
  return { type, props: { style, children: kept.length === 1 ? kept[0] : kept } };
}

/** What a layout returns: its element tree and what happened to the text. */
export interface LayoutResult {
  element: OgElement;
  diagnostics: RenderDiagnostics;
}

export type Layout = (params: ResolvedOgParams) => LayoutResult;

/** Sizes of a card, all scaled from a 1200x630 design. */
export interface Frame {
  params: ResolvedOgParams;
  palette: Palette;
  /** Scale of spacing, from the 1200x630 design. */
  scale: number;
  /** Scale of type and icons: larger than `scale` on taller cards, so a square card is not mostly empty. */
  typeScale: number;
  padX: number;
  padY: number;
  contentWidth: number;
  brandHeight: number;
}

export function frameOf(params: ResolvedOgParams): Frame {
  const scale = Math.min(params.width / 1200, params.height / 630);
  const padX = Math.round(72 * scale);
  const padY = Math.round(60 * scale);
  const tallness = Math.sqrt(params.height / params.width / (630 / 1200));
  return {
    params,
    palette: paletteFor(params),
    scale,
    typeScale: scale * Math.min(1.45, Math.max(1, tallness)),
    padX,
    padY,
    contentWidth: params.width - 2 * padX,
    brandHeight: params.brand ? Math.round(76 * scale * Math.min(1.45, Math.max(1, tallness))) : 0,
  };
}

/** A text block of a fixed width, clamped to the lines it was fitted to. */
export function textBlock(fitted: Fitted, style: Style & { width: number }, weight: FontWeight, lineHeight: number) {
  return h(
    "div",
    {
      display: "block",
      fontSize: fitted.fontSize,
      fontWeight: weight,
      lineHeight,
      lineClamp: fitted.clampLines,
      ...style,
    },
    fitted.text,
  );
}

export interface TextSpec {
  text: string | undefined;
  weight: FontWeight;
  size: number;
  minSize: number;
  lineHeight: number;
  maxLines: number;
}

/** Fits an optional text to the content width and at most `maxHeight`. */
export function fitText(frame: Frame, spec: TextSpec, maxHeight: number): Fitted | undefined {
  if (!spec.text) return undefined;
  return fit(spec.text, {
    weight: spec.weight,
    maxWidth: frame.contentWidth,
    maxSize: spec.size,
    minSize: spec.minSize,
    lineHeight: spec.lineHeight,
    maxHeight,
    maxLines: spec.maxLines,
  });
}

export const heightOf = (fitted: Fitted | undefined, lineHeight: number) =>
  fitted ? fitted.lines * fitted.fontSize * lineHeight : 0;

export function iconTile(frame: Frame, size: number): OgElement | undefined {
  const { params, palette } = frame;
  if (!params.icon) return undefined;
  const accent = palette.accent.replace("#", "");
  const glyph = Math.round(size * 0.56);
  return h(
    "div",
    {
      display: "flex",
      alignItems: "center",
      justifyContent: "center",
      width: size,
      height: size,
      borderRadius: Math.round(size * 0.24),
      backgroundColor: palette.iconTile,
    },
    {
      type: "img",
      props: {
        src: iconDataUri(params.icon, /^[0-9a-f]{6}$/i.test(accent) ? accent : "ffffff"),
        width: glyph,
        height: glyph,
      },
    },
  );
}

/** The bottom bar: an accent mark and the brand name. */
export function brandBar(frame: Frame): OgElement | undefined {
  const { params, palette, typeScale, padX, brandHeight } = frame;
  if (!params.brand) return undefined;
  const fontSize = Math.max(10, Math.round(26 * typeScale));
  const mark = Math.max(4, Math.round(14 * typeScale));
  // A mark the color of its bar (the bold theme's black on black) takes the brand text color.
  const markColor = palette.accent === palette.brandBar ? palette.brandText : palette.accent;
  return h(
    "div",
    {
      display: "flex",
      alignItems: "center",
      height: brandHeight,
      paddingLeft: padX,
      paddingRight: padX,
      backgroundColor: palette.brandBar,
      color: palette.brandText,
      flexShrink: 0,
    },
    h("div", { width: mark, height: mark, borderRadius: mark / 4, backgroundColor: markColor, marginRight: mark }),
    h(
      "div",
      {
        display: "block",
        fontSize,
        fontWeight: 700,
        lineClamp: 1,
        width: frame.contentWidth - 2 * mark,
        letterSpacing: 0.2,
      },
      params.brand,
    ),
  );
}

/** The padded column the text of a layout stands in, centered vertically above the brand bar. */
export function contentArea(frame: Frame, ...children: Child[]): OgElement {
  const { padX, padY } = frame;
  return h(
    "div",
    {
      display: "flex",
      flexDirection: "column",
      justifyContent: "center",
      flexGrow: 1,
      paddingLeft: padX,
      paddingRight: padX,
      paddingTop: padY,
      paddingBottom: padY,
    },
    ...children,
  );
}

/** The card: background, pattern layer, content area and brand bar. */
export function card(frame: Frame, content: OgElement): OgElement {
  const { params, palette, scale } = frame;
  const pattern = patternStyle(params.pattern, palette.pattern, scale);
  return h(
    "div",
    {
      display: "flex",
      flexDirection: "column",
      position: "relative",
      width: params.width,
      height: params.height,
      overflow: "hidden",
      backgroundColor: palette.background,
      ...(palette.backgroundImage ? { backgroundImage: palette.backgroundImage } : {}),
      fontFamily: FONT_FAMILY,
      color: palette.title,
    },
    pattern &&
      h("div", { position: "absolute", top: 0, left: 0, width: params.width, height: params.height, ...pattern }),
    content,
    brandBar(frame),
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
