import { OgError, type ResolvedOgParams } from "@ogkit/sdk";
import satoriImport from "satori";
import { layouts } from "../layouts/index.js";
import { emojiDataUri } from "./emoji.js";
import { CONTENT_TYPES, encode } from "./encode.js";
import { fonts } from "./fonts.js";
import { htmlElement } from "./html.js";
import { listIcons } from "./icons.js";
import type { OgElement, RenderDiagnostics, RenderOptions, RenderResult } from "./types.js";

// satori's CommonJS build exports { default, init } without __esModule, so our CJS bundle sees the
// function one level deeper than ESM does.
const satori = (satoriImport as unknown as { default?: typeof satoriImport }).default ?? satoriImport;

/** Bumped whenever the same params render differently; part of every ETag and cache key. */
export const ENGINE_VERSION = "1";

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
      element: htmlElement(params.html, params.width, params.height, options.imageAllowlist ?? []),
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

/** Rasterizes an element tree: satori lays it out as SVG, resvg and sharp make the image. */
export async function renderElement(
  element: OgElement,
  options: RenderElementOptions,
): Promise<Pick<RenderResult, "body" | "contentType">> {
  const svg = await satori(element as Parameters<typeof satori>[0], {
    width: options.width,
    height: options.height,
    fonts: fonts().satori,
    loadAdditionalAsset,
  });
  return { body: await encode(svg, options.format, options.width), contentType: CONTENT_TYPES[options.format] };
}

/** Loads what every render needs (fonts parsed, icon list read), so the first render is not slower. */
export function preloadEngine(): void {
  fonts();
  listIcons();
}

/** Renders a card: params in, image bytes out. */
export async function renderCard(params: ResolvedOgParams, options: RenderOptions = {}): Promise<RenderResult> {
  const { element, diagnostics } = await buildCard(params, options);
  const image = await renderElement(element, params);
  return { ...image, width: params.width, height: params.height, diagnostics };
}
