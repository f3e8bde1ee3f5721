import type { ImageFormat, ResolvedOgParams } from "@ogkit/sdk";

/**
 * The contract between the render engine (src/engine, src/layouts, src/themes, src/patterns) and
 * the HTTP layer (src/http, pool, cache, cli). The engine is pure: params in, bytes out.
 */

/** A satori element: a React-like `{ type, props }` tree (React elements fit too). */
export interface OgElement {
  type: string | ((props: Record<string, unknown>) => unknown);
  props: Record<string, unknown> & { children?: unknown; style?: Record<string, unknown> };
  key?: string | number | null;
}

/** A custom template: resolved params in, an element tree of exactly width x height out. */
export type OgTemplate = (params: ResolvedOgParams) => OgElement | Promise<OgElement>;

export interface RenderOptions {
  /** Named custom templates, selected by the `template` parameter. */
  templates?: Record<string, OgTemplate>;
  /** Hosts that `html` templates may load images from (exact host names). Default: none. */
  imageAllowlist?: readonly string[];
}

/** What happened while laying out the card, reported as X-Og-* headers. */
export interface RenderDiagnostics {
  theme: string;
  layout: string;
  titleLines: number;
  titleFontSize: number;
  truncated: boolean;
}

export interface RenderResult {
  body: Uint8Array;
  contentType: `image/${ImageFormat}` | "image/svg+xml";
  width: number;
  height: number;
  diagnostics: RenderDiagnostics;
}

/** Bumped whenever output for the same params changes; part of every ETag and cache key. */
export type EngineVersion = string;
