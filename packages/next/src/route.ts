import {
  DEFAULT_HEIGHT,
  DEFAULT_WIDTH,
  encodeComponent,
  type ImageFormat,
  imageMediaType,
  OG_PATH,
  type OgParams,
} from "@ogkit/sdk";
import { createOgHandler, type OgHandler, type OgHandlerOptions } from "@ogkit/server";
import { secretsFromEnv } from "./env.js";

/** The handler's options; the route's own location replaces `basePath`. */
export interface OgRouteOptions extends Omit<OgHandlerOptions, "basePath"> {}

/** Route Handlers for `app/api/og/route.ts`, plus the handler behind them. */
export interface OgRoute {
  GET(request: Request): Promise<Response>;
  POST(request: Request): Promise<Response>;
  /** The @ogkit/server handler (its cache and `close()`). */
  readonly handler: OgHandler;
}

function handlerOptions(options: Omit<OgHandlerOptions, "basePath">): OgHandlerOptions {
  // In-process by default: worker threads do not survive being bundled into a Next server.
  return { pool: false, ...options, basePath: undefined };
}

/**
 * The query as ogkit wrote it. Next hands route handlers a URL whose query it re-serialized like
 * URLSearchParams (a space as "+", and !'()~ percent-encoded), while ogkit signs the bytes
 * encodeURIComponent writes: re-encoding each pair that way restores a signed URL byte for byte.
 */
function sdkEncodedQuery(search: string): string {
  const pairs = [...new URLSearchParams(search)];
  return pairs.map(([key, value]) => `${encodeComponent(key)}=${encodeComponent(value)}`).join("&");
}

/**
 * The request as one for @ogkit/server's image route, wherever the route file is, so the query
 * (and its signature), the headers and every error are exactly the server's.
 */
function atImageRoute(request: Request): Request {
  const url = new URL(request.url);
  url.pathname = OG_PATH;
  url.search = sdkEncodedQuery(url.search);
  return new Request(url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: request.signal,
    duplex: "half",
  } as RequestInit);
}

/**
 * A self-hosted ogkit image route for the App Router: GET `?title=...` (the URLs `ogMetadata`
 * builds) and POST with a JSON body. Signed URLs are required when secrets are configured:
 * by default those in OGKIT_SECRET, the same that `ogMetadata` signs with.
 * @example
 * // app/api/og/route.ts
 * import { createOgRoute } from "@ogkit/next/route";
 * export const { GET, POST } = createOgRoute();
 * export const runtime = "nodejs";
 */
export function createOgRoute(options: OgRouteOptions = {}): OgRoute {
  const handler = createOgHandler(handlerOptions({ ...options, secrets: options.secrets ?? secretsFromEnv() }));
  const serve = (request: Request) => handler(atImageRoute(request));
  return { GET: serve, POST: serve, handler };
}

/** What Next passes to an `opengraph-image` file's default export. */
export interface OpenGraphImageProps {
  params: Promise<Record<string, string | string[] | undefined>>;
}

export interface OpenGraphImageOptions extends Omit<OgRouteOptions, "secrets" | "apiKeys"> {
  /** The `alt` export: og:image:alt of every page the image applies to. */
  alt?: string | undefined;
  /** The `size` export; the card is rendered at exactly this size (default 1200x630). */
  size?: { width: number; height: number } | undefined;
  /** Image format (default png); sets the `contentType` export. */
  format?: ImageFormat | undefined;
}

/** The exports of an `opengraph-image.tsx` / `twitter-image.tsx` file. */
export interface OpenGraphImage<Props> {
  default: (props: Props) => Promise<Response>;
  size: { width: number; height: number };
  contentType: string;
  alt: string | undefined;
}

/**
 * The exports of Next's `opengraph-image` file convention, rendered by @ogkit/server's handler
 * in-process (same headers and errors as the image route).
 * @example
 * // app/blog/[slug]/opengraph-image.tsx
 * const image = createOpenGraphImage(async ({ params }) => ({ title: (await getPost((await params).slug)).title }));
 * export const { size, contentType, alt } = image;
 * export default image.default;
 */
export function createOpenGraphImage<Props = OpenGraphImageProps>(
  toParams: OgParams | ((props: Props) => OgParams | Promise<OgParams>),
  options: OpenGraphImageOptions = {},
): OpenGraphImage<Props> {
  const { alt, size = { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT }, format = "png", ...rest } = options;
  // Rendered through the handler's POST route, so params are parsed and errors answered by the server.
  const handler = createOgHandler(handlerOptions({ ...rest, secrets: [], apiKeys: [] }));
  return {
    size,
    contentType: imageMediaType(format),
    alt,
    default: async (props) => {
      const params = typeof toParams === "function" ? await toParams(props) : toParams;
      return handler(
        new Request(`http://localhost${OG_PATH}`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ ...params, width: size.width, height: size.height, format }),
        }),
      );
    },
  };
}
