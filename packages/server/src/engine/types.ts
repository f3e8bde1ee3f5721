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

/**
 * What lays out and rasterizes a card: satori and resvg (the default), or takumi (@takumi-rs/core,
 * an optional dependency), which draws the same element trees in one native call. html templates
 * and SVG output are always satori's.
 */
export type EngineName = "satori" | "takumi";

export interface RenderOptions {
  /** The engine (default satori). */
  engine?: EngineName | undefined;
  /** Named custom templates, selected by the `template` parameter. */
  templates?: Record<string, OgTemplate>;
  /** Hosts that `html` templates may load images from (exact host names). Default: none. */
  imageAllowlist?: readonly string[];
  /**
   * Loads an image from an allowlisted host for an `html` template. The engine never fetches: without
   * this, allowlisted remote images are refused too. Private, loopback and link-local hosts are refused
   * before it is called; it owns timeouts, size limits and re-checking the resolved address.
   */
  fetchImage?: (url: URL) => Promise<{ contentType: string; body: Uint8Array }>;
}

/** What happened while laying out the card, reported as X-Og-* headers. */
export interface RenderDiagnostics {
  theme: string;
  /** standard, metric, html or template:<name>. */
  layout: string;
  /**
   * Lines the title takes: a greedy wrap measured with the advance widths (and pair kerning) of the
   * same Inter fonts satori draws with, capped by the line clamp. Tests hold it to satori's own
   * layout. 0 for html and custom templates, which the engine does not lay out itself.
   */
  titleLines: number;
  /** The title's font size in px after stepping down to fit; 0 for html and custom templates. */
  titleFontSize: number;
  /** Whether any text (title, subtitle, caption, brand, value, label) was clamped with an ellipsis. */
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
