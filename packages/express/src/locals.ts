import type { IncomingMessage, ServerResponse } from "node:http";
import { imageMediaType, type OgParams, ogUrl, parseOgParams } from "@ogkit/sdk";
import { secretsFromEnv } from "./env.js";
import type { NextFunction } from "./errors.js";

export interface OgUrlOptions {
  /** Origin plus optional path prefix of the image routes, such as https://example.com. */
  baseUrl?: string | undefined;
  /** Signs the URL. Default: the first secret in OGKIT_SECRET. `false` never signs. */
  secret?: string | false | undefined;
  /** Seconds until a signed URL expires. Needs a secret. */
  expiresIn?: number | undefined;
}

export interface OgMetaTagsOptions extends OgUrlOptions {
  /** og:image:alt and twitter:image:alt (default: the title). */
  alt?: string | undefined;
}

function signingSecret(secret: string | false | undefined): string | undefined {
  if (secret === false) return undefined;
  return secret ?? secretsFromEnv()[0];
}

/** The image URL of `params` (canonical, signed when a secret is configured). */
export function ogImageUrl(params: OgParams, options: OgUrlOptions = {}): string {
  return ogUrl(params, {
    baseUrl: options.baseUrl,
    secret: signingSecret(options.secret),
    expiresIn: options.expiresIn,
  });
}

const htmlEscapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => htmlEscapes[char] as string);
}

/**
 * The `<meta>` tags of one ogkit image, HTML-escaped, for a page's `<head>`: og:image with its
 * type, width, height and alt, and the twitter:card summary_large_image tags.
 * @throws OgError INVALID_PARAMS naming every bad field, or URL_TOO_LONG
 */
export function ogMetaTags(params: OgParams, options: OgMetaTagsOptions = {}): string {
  const resolved = parseOgParams(params as Record<string, unknown>);
  const url = ogImageUrl(params, options);
  const alt = options.alt ?? resolved.title;
  const tags: [string, string, string | number][] = [
    ["property", "og:image", url],
    ["property", "og:image:type", imageMediaType(resolved.format)],
    ["property", "og:image:width", resolved.width],
    ["property", "og:image:height", resolved.height],
    ["property", "og:image:alt", alt],
    ["name", "twitter:card", "summary_large_image"],
    ["name", "twitter:image", url],
    ["name", "twitter:image:alt", alt],
  ];
  return tags.map(([kind, key, value]) => `<meta ${kind}="${key}" content="${escapeHtml(String(value))}">`).join("\n");
}

/** What `ogLocals` puts in `res.locals` for templates. */
export interface OgLocals {
  /** The image URL, absolute. */
  ogUrl(params: OgParams): string;
  /** The HTML of the og:image and twitter:image tags; print it unescaped (`<%- %>` in EJS). */
  ogMeta(params: OgParams, options?: { alt?: string | undefined }): string;
}

export interface OgLocalsOptions extends Omit<OgUrlOptions, "baseUrl"> {
  /**
   * Origin (plus path prefix) of the image URLs: a string, or a function of the request. Default:
   * the request's own origin (Express's `req.protocol`, which honours `trust proxy`, and the Host
   * header). Set it in production so that a forged Host header never reaches your pages. An empty
   * string counts as unset, like an empty environment variable.
   */
  baseUrl?: string | ((req: IncomingMessage) => string) | undefined;
}

const HOST = /^[a-z0-9.\-[\]:]+$/i;

function requestOrigin(req: IncomingMessage & { protocol?: string }): string {
  const protocol = req.protocol ?? ((req.socket as { encrypted?: boolean }).encrypted ? "https" : "http");
  const host = req.headers.host && HOST.test(req.headers.host) ? req.headers.host : "localhost";
  return `${protocol}://${host}`;
}

/**
 * Sets `res.locals.ogUrl(params)` and `res.locals.ogMeta(params)` for templates, with absolute
 * URLs (crawlers need them).
 * @example
 * app.use(ogLocals({ baseUrl: "https://blog.example.com" }));
 * // views/blog-post.ejs: <head><%- ogMeta({ title: post.title, subtitle: post.author }) %></head>
 */
export function ogLocals(
  options: OgLocalsOptions = {},
): (req: IncomingMessage, res: ServerResponse, next: NextFunction) => void {
  const { baseUrl, ...urlOptions } = options;
  return (req, res, next) => {
    const base =
      typeof baseUrl === "function"
        ? baseUrl(req)
        : baseUrl || requestOrigin(req as IncomingMessage & { protocol?: string });
    const target = res as ServerResponse & { locals?: Record<string, unknown> };
    target.locals ??= {};
    const locals: OgLocals = {
      ogUrl: (params) => ogImageUrl(params, { ...urlOptions, baseUrl: base }),
      ogMeta: (params, tagOptions) => ogMetaTags(params, { ...urlOptions, ...tagOptions, baseUrl: base }),
    };
    Object.assign(target.locals, locals);
    next();
  };
}
