import { canonicalQuery } from "./canonical.js";
import { OgError } from "./errors.js";
import { MAX_QUERY_BYTES, parseOgParams } from "./parse.js";
import type { OgParams } from "./schema.js";
import { signQuery } from "./sign.js";

/** The image route of every ogkit server (and of the hosted GET API it is compatible with). */
export const OG_PATH = "/api/v1/og";

export interface OgUrlOptions {
  /** Origin plus optional path prefix, e.g. https://og.example.com. Without it the URL is relative. */
  baseUrl?: string | undefined;
  /** Signs the URL (HMAC-SHA256). Keep it on the server: never ship a secret to a browser. */
  secret?: string | undefined;
  /** Seconds until a signed URL expires. Needs `secret`. */
  expiresIn?: number | undefined;
  /** The current time in milliseconds, for `expiresIn` (default Date.now()). */
  now?: number | undefined;
}

/**
 * The image URL for a set of params: canonical (one image, one URL), optionally signed.
 * @throws OgError INVALID_PARAMS naming every bad field, or URL_TOO_LONG: the SDK never builds a
 * URL the server would reject.
 * @example ogUrl({ title: "Hello", theme: "light" }, { baseUrl: "https://og.example.com" })
 */
export function ogUrl(params: OgParams, options: OgUrlOptions = {}): string {
  let query = canonicalQuery(parseOgParams(params as Record<string, unknown>));
  if (options.secret) {
    const expiresAt =
      options.expiresIn === undefined
        ? undefined
        : Math.floor((options.now ?? Date.now()) / 1000) + Math.ceil(options.expiresIn);
    query = signQuery(query, options.secret, { expiresAt });
  } else if (options.expiresIn !== undefined) {
    throw new OgError("INVALID_PARAMS", "expiresIn needs a secret: only signed URLs can expire", {
      issues: [{ path: "exp", message: "expiresIn needs a secret" }],
    });
  }
  const bytes = new TextEncoder().encode(query).length;
  if (bytes > MAX_QUERY_BYTES) {
    throw new OgError("URL_TOO_LONG", `The query would be ${bytes} bytes; servers refuse more than ${MAX_QUERY_BYTES}`);
  }
  const base = options.baseUrl ? options.baseUrl.replace(/\/+$/, "") : "";
  return `${base}${OG_PATH}?${query}`;
}

export interface CreateOgUrlOptions extends Omit<OgUrlOptions, "now"> {
  /** Params every URL starts from (a site's brand, theme); each call's params win. */
  defaults?: Partial<OgParams>;
}

/**
 * A URL builder bound to a base URL, secret and default params.
 * @example const og = createOgUrl({ baseUrl: "https://og.example.com", defaults: { brand: "Acme" } });
 * og({ title: "Pricing" });
 */
export function createOgUrl(options: CreateOgUrlOptions = {}): (params: OgParams) => string {
  const { defaults, ...urlOptions } = options;
  return (params) => ogUrl({ ...defaults, ...params } as OgParams, urlOptions);
}
