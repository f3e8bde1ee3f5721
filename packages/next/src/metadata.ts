import { imageMediaType, type OgParams, ogUrl, parseOgParams } from "@ogkit/sdk";
import { secretsFromEnv } from "./env.js";

/** Where `createOgRoute` lives by convention: `app/api/og/route.ts`. */
export const DEFAULT_OG_ROUTE = "/api/og";

export interface OgMetadataOptions {
  /**
   * Makes the URL absolute, e.g. `https://example.com` (or a separate ogkit server). Without it the
   * URL is relative and Next resolves it against `metadataBase`.
   */
  baseUrl?: string | URL | undefined;
  /**
   * Path of the image route (default `/api/og`, where `createOgRoute` is placed). A standalone ogkit
   * server serves `/api/v1/og`.
   */
  path?: string | undefined;
  /**
   * Signs the URL. Default: the first secret in OGKIT_SECRET, read on the server only. `false`
   * never signs.
   */
  secret?: string | false | undefined;
  /** Seconds until a signed URL expires. Needs a secret. */
  expiresIn?: number | undefined;
  /** The image's alt text (default: the title). */
  alt?: string | undefined;
}

/** One image as Next's Metadata takes it (openGraph.images and twitter.images accept both). */
export interface OgImageDescriptor {
  url: string;
  width: number;
  height: number;
  alt: string;
  /** The media type, such as image/png. */
  type: string;
}

/** The Metadata fragment of one ogkit image: assignable to Next's `Metadata`. */
export interface OgMetadata {
  openGraph: { images: [OgImageDescriptor] };
  twitter: { card: "summary_large_image"; images: [OgImageDescriptor] };
}

function signingSecret(secret: string | false | undefined): string | undefined {
  if (secret === false) return undefined;
  return secret ?? secretsFromEnv()[0];
}

function routePath(path: string | undefined): string {
  const trimmed = (path ?? DEFAULT_OG_ROUTE).trim().replace(/\/+$/, "");
  return trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
}

/**
 * The image URL of `params` as ogMetadata puts it in the page: the SDK's canonical (and, with a
 * secret, signed) query on the image route's path.
 * @throws OgError INVALID_PARAMS naming every bad field, or URL_TOO_LONG
 */
export function ogImageUrl(params: OgParams, options: OgMetadataOptions = {}): string {
  const built = ogUrl(params, { secret: signingSecret(options.secret), expiresIn: options.expiresIn });
  const query = built.slice(built.indexOf("?"));
  const base = options.baseUrl === undefined ? "" : String(options.baseUrl).replace(/\/+$/, "");
  return `${base}${routePath(options.path)}${query}`;
}

/**
 * The Metadata of one ogkit image, for `generateMetadata` or a static `metadata` export: Open Graph
 * and Twitter images with size, type and alt text. It loads no renderer.
 * @throws OgError INVALID_PARAMS naming every bad field, or URL_TOO_LONG
 * @example
 * export async function generateMetadata({ params }): Promise<Metadata> {
 *   const post = await getPost((await params).slug);
 *   return { title: post.title, ...ogMetadata({ title: post.title, subtitle: post.author }) };
 * }
 */
export function ogMetadata(params: OgParams, options: OgMetadataOptions = {}): OgMetadata {
  const resolved = parseOgParams(params as Record<string, unknown>);
  // One URL for both: with expiresIn, two builds could straddle a second and differ.
  const url = ogImageUrl(params, options);
  const image = (): OgImageDescriptor => ({
    url,
    width: resolved.width,
    height: resolved.height,
    alt: options.alt ?? resolved.title,
    type: imageMediaType(resolved.format),
  });
  return {
    openGraph: { images: [image()] },
    twitter: { card: "summary_large_image", images: [image()] },
  };
}
