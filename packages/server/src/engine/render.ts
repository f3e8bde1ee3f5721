import { OgError, type ResolvedOgParams } from "@ogkit/sdk";
import type satoriFunction from "satori";
import { layouts } from "../layouts/index.js";
import { BackgroundCache, compositeOver, splitLayers } from "./background.js";
import { emojiDataUri } from "./emoji.js";
import { CONTENT_TYPES, encode, encodeScanlines, rasterize, rasterizeOnce } from "./encode.js";
import { ENGINES } from "./engines.js";
import { boundOffscreen } from "./filter-bounds.js";
import { fonts } from "./fonts.js";
import { assertSelfContained, htmlElement } from "./html.js";
import { listIcons } from "./icons.js";
import { allocScanlines, type Scanlines } from "./png.js";
import { loadResvg } from "./resvg.js";
import { loadTakumi, renderWithTakumi, takumiVersion } from "./takumi.js";
import type { EngineName, OgElement, RenderDiagnostics, RenderOptions, RenderResult } from "./types.js";

type Satori = typeof satoriFunction;
let satoriLoaded: Promise<Satori> | undefined;

/**
 * satori, loaded on first use: its layout engine (yoga, WebAssembly) costs a process about 30 MB,
 * and a server's main thread, whose renders all run in worker threads, never lays anything out.
 */
function loadSatori(): Promise<Satori> {
  satoriLoaded ??= import("satori").then((module) => {
    // satori's CommonJS build exports { default, init } without __esModule, so our CJS bundle sees
    // the function one level deeper than ESM does.
    const exported = module.default as Satori & { default?: Satori };
    return exported.default ?? exported;
  });
  return satoriLoaded;
}

/** Bumped whenever the same params render differently; part of every ETag and cache key. */
export const ENGINE_VERSION = "4";

/**
 * What an engine's output for the same params depends on, for ETags and batch hashes: the layouts'
 * version, and for takumi the installed takumi's (throws, saying how to install it, when it is not).
 */
export function engineVersion(engine: EngineName = "satori"): string {
  if (!ENGINES.includes(engine)) {
    throw new TypeError(`engine must be one of ${ENGINES.join(", ")} (got ${JSON.stringify(engine)})`);
  }
  return engine === "takumi" ? `${ENGINE_VERSION}+takumi-${takumiVersion()}` : ENGINE_VERSION;
}

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
  /**
   * Bound the off-screen buffers resvg allocates (filter regions, layers, pattern tiles) before it
   * runs, refusing past a budget: for html templates, see filter-bounds.ts. Custom templates are
   * trusted code and not checked. Such a render is always satori's: the bounds are resvg's.
   */
  boundOffscreen?: boolean;
  /** Which engine lays out and rasterizes (default satori); SVG output is always satori's. */
  engine?: EngineName | undefined;
}

async function toSvg(element: OgElement, options: { width: number; height: number }): Promise<string> {
  const satori = await loadSatori();
  return satori(element as Parameters<Satori>[0], {
    width: options.width,
    height: options.height,
    fonts: fonts().satori,
    loadAdditionalAsset,
  });
}

/**
 * Rasterizes an element tree: satori lays it out as SVG, resvg and sharp make the image (or takumi
 * does both, when asked). Fetches nothing.
 */
export async function renderElement(
  element: OgElement,
  options: RenderElementOptions,
): Promise<Pick<RenderResult, "body" | "contentType">> {
  assertSelfContained(element);
  const { format } = options;
  if (options.engine === "takumi" && format !== "svg" && !options.boundOffscreen) {
    return { body: await renderWithTakumi(element, { ...options, format }), contentType: CONTENT_TYPES[format] };
  }
  const svg = await toSvg(element, options);
  if (options.boundOffscreen && format !== "svg") {
    const bounded = boundOffscreen(svg, options);
    return {
      body: await encode(bounded.svg, format, options.width, bounded.pixels),
      contentType: CONTENT_TYPES[format],
    };
  }
  return { body: await encode(svg, format, options.width), contentType: CONTENT_TYPES[format] };
}

const backgrounds = new BackgroundCache();
/** The composited card, reused by the next render of its size on this thread (see encodeScanlines). */
let composited: Scanlines | undefined;

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
  const background = await backgrounds.get(layers.key, async () =>
    rasterizeOnce(await toSvg(layers.background, options), width),
  );
  if (!background) return renderElement(element, options);
  // The content's pixels are read where resvg drew them and laid over the background into the
  // thread's shared buffer, which is encoded (PNG) or copied (JPEG, WebP) before anything yields:
  // another render on this thread cannot overwrite either first.
  const body = await rasterize(await toSvg(layers.foreground, options), width, (foreground) => {
    if (composited?.data.length !== background.data.length) composited = allocScanlines(width, height);
    return encodeScanlines(compositeOver(background, foreground.data, composited), format);
  });
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
  const satori = await loadSatori();
  const svg = await satori(element as Parameters<Satori>[0], {
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

/**
 * Loads what every render needs (fonts read, the Latin faces parsed for measuring, icon list read,
 * and satori, or takumi with its fonts registered), so the first render is not slower.
 */
export async function preloadEngine(engine: EngineName = "satori"): Promise<void> {
  for (const faces of Object.values(fonts().metrics)) void faces[0]?.font;
  listIcons();
  if (engine === "takumi") await loadTakumi();
  else await Promise.all([loadSatori(), loadResvg()]);
}

/** Renders a card: params in, image bytes out. */
export async function renderCard(params: ResolvedOgParams, options: RenderOptions = {}): Promise<RenderResult> {
  const { element, diagnostics } = await buildCard(params, options);
  const builtIn = params.html === undefined && params.template === undefined;
  const image =
    builtIn && options.engine !== "takumi"
      ? await renderLayout(element, params)
      : await renderElement(element, { ...params, engine: options.engine, boundOffscreen: params.html !== undefined });
  return { ...image, width: params.width, height: params.height, diagnostics };
}
