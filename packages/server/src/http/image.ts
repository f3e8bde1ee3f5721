import { canonicalQuery, OgError, type ResolvedOgParams } from "@ogkit/sdk";
import type { CachedImage, RenderCache } from "../cache.js";
import type { RenderDiagnostics } from "../engine/types.js";
import type { OgMetrics } from "../metrics.js";
import type { Renderer } from "../pool/renderer.js";
import { etagMatches, imageEtag, parseRange } from "./conditional.js";
import { errorParts, type HeaderRecord, type PlainResponse } from "./responses.js";

export interface ImageServiceOptions {
  renderer: Renderer;
  cache: RenderCache;
  metrics: OgMetrics;
  engineVersion: string;
  templatesVersion: string;
}

export interface ServeImageOptions {
  cacheControl: string;
  /** GET and HEAD honor If-None-Match and Range; POST always gets the whole image. */
  conditional: boolean;
}

/** What identifies an image: the canonical query of its params (the cache key) and its ETag. */
export interface ImageKey {
  key: string;
  etag: string;
}

export function imageKeyOf(service: ImageServiceOptions, params: ResolvedOgParams): ImageKey {
  const key = canonicalQuery(params);
  return { key, etag: imageEtag(key, service.engineVersion, service.templatesVersion) };
}

/** The headers of an image answer (200 or 206); the caller adjusts Content-Length for a range. */
function imageHeaders(image: CachedImage, cacheHeaders: HeaderRecord, status: "hit" | "miss"): HeaderRecord {
  const headers: HeaderRecord = {
    "Content-Type": image.contentType,
    "Content-Length": String(image.body.byteLength),
    "Accept-Ranges": "bytes",
    "X-Content-Type-Options": "nosniff",
    ...cacheHeaders,
    ...image.headers,
    "X-Og-Cache": status,
  };
  if (image.contentType === "image/svg+xml") {
    // An SVG opened directly is a document: it may not run or load anything.
    headers["Content-Security-Policy"] = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";
  }
  return headers;
}

/**
 * The answer to a GET or HEAD without Range whose image needs no render: 304 when If-None-Match
 * matches, 200 from the cache; undefined otherwise (then serveImage answers). The same headers as
 * serveImage, and the same metrics.
 */
export function cachedAnswer(
  service: ImageServiceOptions,
  image: ImageKey,
  ifNoneMatch: string | null,
  cacheControl: string,
): PlainResponse | undefined {
  const cacheHeaders: HeaderRecord = { ETag: image.etag, "Cache-Control": cacheControl };
  if (etagMatches(ifNoneMatch, image.etag)) return { status: 304, headers: cacheHeaders, body: null };
  const cached = service.cache.get(image.key);
  if (!cached) return undefined;
  service.metrics.cacheHits.inc();
  return { status: 200, headers: imageHeaders(cached, cacheHeaders, "hit"), body: cached.body };
}

/**
 * The 503 that a request for an image not in the cache would get now because the renderer refuses
 * new work (see Renderer.refusal), or undefined. A render of the same image already in flight is
 * not refused (the request waits for it, as serveImage would), so this leaves it to serveImage.
 * Under overload most requests are refused: answered this way, a burst of them costs the event
 * loop no Web Request, Response or stream.
 */
export function refusedAnswer(service: ImageServiceOptions, image: ImageKey): PlainResponse | undefined {
  if (service.cache.rendering(image.key)) return undefined;
  const refusal = service.renderer.refusal();
  if (!refusal) return undefined;
  service.metrics.errors.inc({ code: refusal.code });
  return errorParts(refusal);
}

/** The X-Og-* headers: what the layout did with the input. */
function diagnosticHeaders(diagnostics: RenderDiagnostics): HeaderRecord {
  return {
    "X-Og-Theme": diagnostics.theme,
    "X-Og-Layout": diagnostics.layout,
    "X-Og-Title-Lines": String(diagnostics.titleLines),
    "X-Og-Title-Font-Size": String(diagnostics.titleFontSize),
    "X-Og-Truncated": String(diagnostics.truncated),
  };
}

/**
 * Renders (or finds in the cache) the image of validated params and answers with it: ETag and
 * 304, Range and 206/416, Cache-Control, diagnostics. The cache key is the canonical query of the
 * parsed params, never anything the client wrote.
 */
export async function serveImage(
  service: ImageServiceOptions,
  request: Request,
  params: ResolvedOgParams,
  options: ServeImageOptions,
): Promise<Response> {
  const { key, etag } = imageKeyOf(service, params);
  const cacheHeaders: HeaderRecord = { ETag: etag, "Cache-Control": options.cacheControl };

  // The ETag is known before rendering, so a revalidation costs no render at all.
  if (options.conditional && etagMatches(request.headers.get("if-none-match"), etag)) {
    return new Response(null, { status: 304, headers: cacheHeaders });
  }

  const { image, status } = await service.cache.getOrRender(key, () => render(service, params, etag));
  if (status === "hit") service.metrics.cacheHits.inc();
  else service.metrics.cacheMisses.inc();

  const headers = imageHeaders(image, cacheHeaders, status);

  // Image bodies are plain ArrayBuffer-backed bytes (never shared memory).
  const body = image.body as Uint8Array<ArrayBuffer>;
  const ifRange = request.headers.get("if-range");
  const range =
    options.conditional && (ifRange === null || ifRange.trim() === etag)
      ? parseRange(request.headers.get("range"), image.body.byteLength)
      : undefined;
  if (range === "unsatisfiable") {
    throw new OgError("RANGE_NOT_SATISFIABLE", `The image is ${image.body.byteLength} bytes; the range is outside it`, {
      headers: { "Content-Range": `bytes */${image.body.byteLength}` },
    });
  }
  if (range) {
    const part = body.subarray(range.start, range.end + 1);
    headers["Content-Range"] = `bytes ${range.start}-${range.end}/${image.body.byteLength}`;
    headers["Content-Length"] = String(part.byteLength);
    return new Response(part, { status: 206, headers });
  }
  return new Response(body, { status: 200, headers });
}

async function render(service: ImageServiceOptions, params: ResolvedOgParams, etag: string): Promise<CachedImage> {
  const started = performance.now();
  const output = await service.renderer.render(params);
  service.metrics.renders.inc({ format: params.format });
  service.metrics.renderSeconds.observe({ format: params.format }, (performance.now() - started) / 1000);
  return {
    body: output.body,
    contentType: output.contentType,
    etag,
    headers: diagnosticHeaders(output.diagnostics),
  };
}
