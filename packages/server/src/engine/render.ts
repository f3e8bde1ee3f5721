import { OgError, type ResolvedOgParams } from "@ogkit/sdk";
import satoriImport from "satori";
import { layouts } from "../layouts/index.js";
import { BackgroundCache, compositeOver, splitLayers } from "./background.js";
import { emojiDataUri } from "./emoji.js";
import { CONTENT_TYPES, encode, encodePixels, rasterize } from "./encode.js";
import { fonts } from "./fonts.js";
import { assertSelfContained, htmlElement } from "./html.js";
import { listIcons } from "./icons.js";
import type { OgElement, RenderDiagnostics, RenderOptions, RenderResult } from "./types.js";

// satori's CommonJS build exports { default, init } without __esModule, so our CJS bundle sees the
// function one level deeper than ESM does.
const satori = (satoriImport as unknown as { default?: typeof satoriImport }).default ?? satoriImport;

/** Bumped whenever the same params render differently; part of every ETag and cache key. */
export const ENGINE_VERSION = "3";

async function loadAdditionalAsset(languageCode: string, segment: string): Promise<string | never[]> {
  // Emoji come from the installed twemoji set; other scripts Inter lacks render as its .notdef box
  // rather than fetching a font.
  if (languageCode === "emoji") return emojiDataUri(segment);
  return [];
}

function customTemplateError(name: string, options: RenderOptions): OgError {
  const known = Object.keys(options.templates ?? {});
  const hint =
    known.length > 0
      ? `; known templates: default, minimal, gradient, ${known.join(", ")}`
      : "; known templates: default, minimal, gradient";
  const message = `unknown template '${name}'${hint}`;
  return new OgError("INVALID_PARAMS", message, { issues: [{ path: "template", message }] });
}

/** Lays out a card: params in, a satori element tree and diagnostics out. No rasterizing. */
export async function buildCard(
  params: ResolvedOgParams,
  options: RenderOptions = {},
): Promise<{ element: OgElement; diagnostics: RenderDiagnostics }> {
  if (params.html !== undefined) {
    return {
      element: await htmlElement(params.html, {
        width: params.width,
        height: params.height,
        imageAllowlist: options.imageAllowlist ?? [],
        fetchImage: options.fetchImage,
      }),
      diagnostics: { theme: params.theme, layout: "html", titleLines: 0, titleFontSize: 0, truncated: false },
    };
  }
  if (params.template !== undefined) {
    const template =
      options.templates && Object.hasOwn(options.templates, params.template)
        ? options.templates[params.template]
        : undefined;
    if (!template) throw customTemplateError(params.template, options);
    return {
      element: await template(params),
      diagnostics: {
        theme: params.theme,
        layout: `template:${params.template}`,
        titleLines: 0,
        titleFontSize: 0,
        truncated: false,
      },
    };
  }
  return layouts[params.layout](params);
}

export interface RenderElementOptions {
  width: number;
  height: number;
  format: ResolvedOgParams["format"];
}

function toSvg(element: OgElement, options: { width: number; height: number }): Promise<string> {
  return satori(element as Parameters<typeof satori>[0], {
    width: options.width,
    height: options.height,
    fonts: fonts().satori,
    loadAdditionalAsset,
  });
}

/** Rasterizes an element tree: satori lays it out as SVG, resvg and sharp make the image. Fetches nothing. */
export async function renderElement(
  element: OgElement,
  options: RenderElementOptions,
): Promise<Pick<RenderResult, "body" | "contentType">> {
  assertSelfContained(element);
  const svg = await toSvg(element, options);
  return { body: await encode(svg, options.format, options.width), contentType: CONTENT_TYPES[options.format] };
}

const backgrounds = new BackgroundCache();

/**
 * Rasterizes a built-in layout's card over its background layer, rasterized once per theme, colors,
 * pattern and size (see background.ts); a card of another shape renders whole.
 */
async function renderLayout(
  element: OgElement,
  options: RenderElementOptions,
): Promise<Pick<RenderResult, "body" | "contentType">> {
  const { format, width, height } = options;
  const layers = format === "svg" ? undefined : splitLayers(element, width, height);
  if (format === "svg" || !layers) return renderElement(element, options);
  assertSelfContained(element);
  const background = await backgrounds.get(
    layers.key,
    async () => rasterize(await toSvg(layers.background, options), width).data,
  );
  if (!background) return renderElement(element, options);
  const foreground = rasterize(await toSvg(layers.foreground, options), width);
  const body = await encodePixels(
    compositeOver(background, foreground.data, width),
    { width, height, channels: 3 },
    format,
  );
  return { body, contentType: CONTENT_TYPES[format] };
}

/** A box satori laid out, by the element's key. */
export interface LaidOutNode {
  left: number;
  top: number;
  width: number;
  height: number;
  style: Record<string, unknown>;
}

/**
 * Satori's layout of a tree: its SVG (text as <text> with `embedFont: false`) and the box of every
 * keyed element. For tests that check the fitting against satori, and for measuring.
 */
export async function layoutElement(
  element: OgElement,
  options: { width: number; height: number; embedFont?: boolean },
): Promise<{ svg: string; nodes: Map<string, LaidOutNode> }> {
  const nodes = new Map<string, LaidOutNode>();
  const svg = await satori(element as Parameters<typeof satori>[0], {
    width: options.width,
    height: options.height,
    fonts: fonts().satori,
    embedFont: options.embedFont ?? true,
    loadAdditionalAsset,
    onNodeDetected: (node) => {
      if (node.key === undefined || node.key === null) return;
      const { left, top, width, height } = node;
      nodes.set(String(node.key), { left, top, width, height, style: node.props.style ?? {} });
    },
  });
  return { svg, nodes };
}

/** Loads what every render needs (fonts parsed, icon list read), so the first render is not slower. */
export function preloadEngine(): void {
  fonts();
  listIcons();
}

/** Renders a card: params in, image bytes out. */
export async function renderCard(params: ResolvedOgParams, options: RenderOptions = {}): Promise<RenderResult> {
  const { element, diagnostics } = await buildCard(params, options);
  const builtIn = params.html === undefined && params.template === undefined;
  const image = builtIn ? await renderLayout(element, params) : await renderElement(element, params);
  return { ...image, width: params.width, height: params.height, diagnostics };
}
