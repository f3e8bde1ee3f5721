import { parseOgParams } from "@ogkit/sdk";
import { LRUCache } from "lru-cache";
import { cachedAnswer, type ImageKey, type ImageServiceOptions, imageKeyOf, refusedAnswer } from "./image.js";
import type { PlainResponse } from "./responses.js";

/** A GET or HEAD as the Node server sees it, before any Web Request is made. */
export interface FastRequest {
  method: string;
  /** The request's URL, parsed as the Web Request would be. */
  url: URL;
  ifNoneMatch: string | null;
}

/**
 * Answers a request whose image needs no render (cached, or 304) or would be refused one (503),
 * or returns undefined.
 */
export type FastPath = (request: FastRequest) => PlainResponse | undefined;

/**
 * The handler's fast path, by handler: an internal seam between createOgHandler and createOgServer,
 * not public API. A warm request is mostly overhead (a Web Request and Response, a zod parse of the
 * query); this path skips all of it when the image is cached, at a tenth of the cost. The same goes
 * for refusals: under overload, a second's worth of them arrives at once.
 */
export const fastPaths = new WeakMap<object, FastPath>();

export interface FastPathOptions {
  service: ImageServiceOptions;
  /** The metrics route name of a path whose GET is the image endpoint; undefined for any other path. */
  imageRoute(pathname: string): string | undefined;
  /**
   * The handler's own checks of a raw query (length, signature and expiry, on every request): the
   * query to parse and the Cache-Control to answer with. Throws what the full path would answer.
   */
  verify(rawQuery: string): { query: string; cacheControl: string };
}

// Parsed queries kept, in UTF-16 code units of query plus key: a few thousand typical queries.
const PARSED_QUERY_UNITS = 4 * 1024 * 1024;

/**
 * The fast path of one handler. Everything it cannot answer the way the full path would (an error,
 * a Range, an image not yet rendered) it leaves to the full path. The cache key is still the
 * canonical query of the parsed params: the parse is remembered per verified query, which is a pure
 * function of it; signature and expiry are checked on every request.
 */
export function createFastPath(options: FastPathOptions): FastPath {
  const parsed = new LRUCache<string, ImageKey>({
    maxSize: PARSED_QUERY_UNITS,
    sizeCalculation: (image, query) => query.length + image.key.length + image.etag.length,
  });
  return ({ method, url, ifNoneMatch }) => {
    if (method !== "GET" && method !== "HEAD") return undefined;
    const route = options.imageRoute(url.pathname);
    if (route === undefined) return undefined;
    let verified: { query: string; cacheControl: string };
    try {
      verified = options.verify(url.search.slice(1));
    } catch {
      return undefined;
    }
    let image = parsed.get(verified.query);
    if (image === undefined) {
      let params: ReturnType<typeof parseOgParams>;
      try {
        params = parseOgParams(verified.query);
      } catch {
        return undefined;
      }
      image = imageKeyOf(options.service, params);
      parsed.set(verified.query, image);
    }
    const answer =
      cachedAnswer(options.service, image, ifNoneMatch, verified.cacheControl) ?? refusedAnswer(options.service, image);
    if (answer) options.service.metrics.requests.inc({ route, status: String(answer.status) });
    return answer;
  };
}
