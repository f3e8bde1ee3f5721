import { createHash } from "node:crypto";
import {
  MAX_QUERY_BYTES,
  OgError,
  ogJsonSchema,
  ogOpenApi,
  parseOgParams,
  SIGNATURE_KEYS,
  timingSafeEqual,
  verifySignedQuery,
} from "@ogkit/sdk";
import { RenderCache } from "../cache.js";
import {
  DEFAULT_CACHE_BYTES,
  DEFAULT_CACHE_CONTROL,
  DEFAULT_MAX_QUEUE_WAIT_MS,
  DEFAULT_RENDER_TIMEOUT_MS,
  defaultConcurrency,
  QUEUE_PER_WORKER,
  SIGNED_CACHE_CONTROL,
} from "../config.js";
import { engineVersion, listIcons, listThemes } from "../engine/index.js";
import type { EngineName, OgTemplate } from "../engine/types.js";
import { OgMetrics } from "../metrics.js";
import { createRenderer, overloaded } from "../pool/renderer.js";
import { acceptsJsonBody, readBodyText } from "./body.js";
import { createFastPath, fastPaths } from "./fast-path.js";
import type { ImageFetchSettings } from "./fetch-image.js";
import { type ImageServiceOptions, serveImage } from "./image.js";
import { indexPage } from "./index-page.js";
import { errorResponse, jsonResponse, textResponse, withoutBody } from "./responses.js";

export interface OgHandlerOptions {
  /**
   * Signing secrets. With any, image GETs must carry a valid `sig` (403 otherwise) and POST renders
   * need an API key. The first secret signs the index page's examples; all of them verify, for rotation.
   */
  secrets?: string | readonly string[] | undefined;
  /** API keys for the POST routes (`x-api-key` header); without any, POST is open (in unsigned mode). */
  apiKeys?: readonly string[] | undefined;
  /** Path prefix every route is mounted under, such as `/og`; for adapters and proxies. */
  basePath?: string | undefined;
  /** Image cache size in bytes (default 32 MB); 0 disables caching (renders in flight are still shared). */
  cacheBytes?: number | undefined;
  /** Cache-Control of unsigned images (default `public, max-age=86400, stale-while-revalidate=604800`). */
  cacheControl?: string | undefined;
  /** Render worker threads (default: the number of cores). */
  concurrency?: number | undefined;
  /** Renders that may wait for a worker (default concurrency x 16); beyond it, 503 with Retry-After. */
  maxQueue?: number | undefined;
  /**
   * The longest a render may expect to wait for a worker, estimated from recent render times
   * (default 750 ms); beyond it, 503 with Retry-After. 0 leaves only `maxQueue`.
   */
  maxQueueWaitMs?: number | undefined;
  /** Time limit of a render in ms (default 10000); past it, 504 and the worker is replaced. */
  renderTimeoutMs?: number | undefined;
  /** Render in worker threads (default true). false renders in-process: for serverless and Next. */
  pool?: boolean | undefined;
  /**
   * What lays out and rasterizes the cards: `satori` (satori and resvg, the default) or `takumi`
   * (@takumi-rs/core and @takumi-rs/helpers, optional dependencies: the handler throws at creation,
   * with the install command, when they are missing). html templates and SVG are always satori's.
   */
  engine?: EngineName | undefined;
  /** Custom templates, selected by the `template` parameter. */
  templates?: Record<string, OgTemplate> | undefined;
  /**
   * Version of the custom templates, part of every ETag: bump it when a template's output changes.
   * Default: a hash of the template names and their source text.
   */
  templatesVersion?: string | undefined;
  /**
   * Hosts `html` templates may load images from. The render thread fetches them: public addresses
   * only (checked after DNS and after every redirect), image types only, at most 4 MB each.
   */
  imageAllowlist?: readonly string[] | undefined;
  /** Time limit of one remote image of an html template, redirects included (default 3000 ms). */
  imageTimeoutMs?: number | undefined;
  /**
   * More settings of the image fetcher: fixed host addresses (like curl --resolve), redirects
   * followed, and, for tests only, `allowLoopback`.
   */
  imageFetch?: Omit<ImageFetchSettings, "timeoutMs"> | undefined;
  /**
   * Serves GET / and GET /playground/** instead of the built-in index page: the seam where the
   * playground mounts.
   */
  playground?: ((request: Request) => Response | Promise<Response>) | undefined;
  /** Called with every failure that is not the client's fault (5xx), with its cause. Default: console.error for 500s. */
  onError?: ((error: OgError, request: Request) => void) | undefined;
  /** The clock of signature expiry checks, in ms (tests). */
  now?: (() => number) | undefined;
  /**
   * Test only: titles `ogkit-fault:hang:<ms>`, `ogkit-fault:sleep:<ms>`, `ogkit-fault:crash` and
   * `ogkit-fault:throw` misbehave inside the renderer. Also enabled by OGKIT_FAULT_INJECTION=1.
   */
  faultInjection?: boolean | undefined;
}

/** A fetch-style handler, plus the lifecycle of the worker pool behind it. */
export interface OgHandler {
  (request: Request): Promise<Response>;
  /** Starts the render threads and loads the engine in each; resolves when they are ready. */
  warm(): Promise<void>;
  /** Refuses new renders (503) and destroys the worker threads. */
  close(): Promise<void>;
  /** Requests being handled right now. */
  readonly inFlight: number;
}

type Endpoint = (request: Request, url: URL) => Response | Promise<Response>;
type Method = "GET" | "POST";
interface Route {
  /** Metrics label. */
  name: string;
  GET?: Endpoint;
  POST?: Endpoint;
}

const ICON_QUERY_MAX = Number(ogJsonSchema().properties.icon?.maxLength ?? 40);

function normalizeBasePath(basePath: string | undefined): string {
  if (!basePath) return "";
  const trimmed = basePath.trim().replace(/\/+$/, "");
  if (trimmed === "") return "";
  return trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
}

function listOf(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  return (typeof value === "string" ? value.split(",") : [...value]).map((item) => item.trim()).filter(Boolean);
}

function templatesVersionOf(templates: Record<string, OgTemplate> | undefined, given: string | undefined): string {
  if (given !== undefined) return given;
  if (!templates || Object.keys(templates).length === 0) return "";
  const hash = createHash("sha256");
  for (const name of Object.keys(templates).sort()) hash.update(`${name}\n${String(templates[name])}\n`);
  return hash.digest("base64url").slice(0, 16);
}

const utf8 = new TextEncoder();
const utf8Equal = (a: string, b: string) => timingSafeEqual(utf8.encode(a), utf8.encode(b));

/**
 * The ogkit HTTP API as one fetch-style function: `Request -> Response`. It is the one place that
 * parses (with @ogkit/sdk), verifies signatures, renders (off the event loop), caches and sets
 * headers; the Node server, the CLI and every framework adapter run this same function.
 *
 * @example
 * const handler = createOgHandler({ secrets: process.env.OGKIT_SECRET });
 * const response = await handler(new Request("http://localhost/api/v1/og?title=Hello"));
 */
export function createOgHandler(options: OgHandlerOptions = {}): OgHandler {
  const secrets = listOf(options.secrets);
  const apiKeys = listOf(options.apiKeys);
  const basePath = normalizeBasePath(options.basePath);
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? defaultConcurrency()));
  const maxQueue = Math.max(0, Math.floor(options.maxQueue ?? concurrency * QUEUE_PER_WORKER));
  const renderTimeoutMs = options.renderTimeoutMs ?? DEFAULT_RENDER_TIMEOUT_MS;
  const cacheControl = options.cacheControl ?? DEFAULT_CACHE_CONTROL;
  const now = options.now ?? Date.now;
  const onError =
    options.onError ??
    ((error: OgError) => {
      if (error.code === "RENDER_FAILED") console.error("[ogkit] render failed:", error.cause ?? error);
    });

  // First: a missing or unknown engine fails here, before anything starts.
  const versionOfEngine = engineVersion(options.engine);
  const renderer = createRenderer({
    pool: options.pool ?? true,
    concurrency,
    maxQueue,
    maxQueueWaitMs: Math.max(0, options.maxQueueWaitMs ?? DEFAULT_MAX_QUEUE_WAIT_MS),
    renderTimeoutMs,
    templates: options.templates,
    imageAllowlist: options.imageAllowlist ?? [],
    imageFetch: { ...options.imageFetch, timeoutMs: options.imageTimeoutMs },
    faultInjection: options.faultInjection ?? process.env.OGKIT_FAULT_INJECTION === "1",
    engine: options.engine,
  });
  const cache = new RenderCache({ maxBytes: options.cacheBytes ?? DEFAULT_CACHE_BYTES });
  const metrics = new OgMetrics({
    cacheBytes: () => cache.bytes,
    cacheEntries: () => cache.size,
    queueSize: () => renderer.queued,
    activeRenders: () => renderer.active,
  });
  const service: ImageServiceOptions = {
    renderer,
    cache,
    metrics,
    engineVersion: versionOfEngine,
    templatesVersion: templatesVersionOf(options.templates, options.templatesVersion),
  };
  let closing = false;
  let inFlight = 0;
  let homePage: string | undefined;

  /** Signed mode: the query must carry a valid sig (and exp, if any, in the future). */
  function verifiedQuery(raw: string): { query: string; cacheControl: string } {
    if (utf8.encode(raw).byteLength > MAX_QUERY_BYTES) {
      throw new OgError("URL_TOO_LONG", `The query is longer than ${MAX_QUERY_BYTES} bytes`);
    }
    if (secrets.length === 0) return { query: raw, cacheControl };
    const query = verifySignedQuery(raw, secrets, { now: now() });
    const exp = new URLSearchParams(raw).get(SIGNATURE_KEYS[0]);
    if (exp === null) return { query, cacheControl: SIGNED_CACHE_CONTROL };
    // A URL that expires must not outlive its expiry in a shared cache.
    const seconds = Math.max(0, Math.min(31_536_000, Number(exp) - Math.floor(now() / 1000)));
    return { query, cacheControl: `public, max-age=${seconds}` };
  }

  /** POST renders are authenticated by API key; in signed mode without keys they are off. */
  function authorizePost(request: Request): void {
    if (apiKeys.length > 0) {
      const given = request.headers.get("x-api-key");
      if (given === null || !apiKeys.some((key) => utf8Equal(key, given))) {
        throw new OgError("UNAUTHORIZED", "A valid x-api-key header is required");
      }
      return;
    }
    if (secrets.length > 0) {
      throw new OgError(
        "BAD_SIGNATURE",
        "This server only renders signed URLs: POST needs an API key it is not configured with",
      );
    }
  }

  const getImage: Endpoint = (request, url) => {
    const { query, cacheControl: imageCacheControl } = verifiedQuery(url.search.slice(1));
    const params = parseOgParams(query);
    return serveImage(service, request, params, { cacheControl: imageCacheControl, conditional: true });
  };

  const postImage: Endpoint = async (request) => {
    authorizePost(request);
    if (!acceptsJsonBody(request.headers.get("content-type"))) {
      throw new OgError("UNSUPPORTED_MEDIA_TYPE", "The body must be JSON (Content-Type: application/json)");
    }
    const text = (await readBodyText(request)).trim();
    if (!text.startsWith("{")) throw new OgError("INVALID_BODY", "The body must be a JSON object of parameters");
    const params = parseOgParams(text);
    return serveImage(service, request, params, { cacheControl, conditional: false });
  };

  const home: Endpoint = (request) => {
    if (options.playground) return options.playground(request);
    homePage ??= indexPage(basePath, secrets[0]);
    return textResponse(homePage, "text/html; charset=utf-8", {
      "Cache-Control": "no-cache",
      "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
    });
  };

  const publicJson = { "Cache-Control": "public, max-age=300" };
  const routes: Record<string, Route> = {
    "/": { name: "index", GET: home },
    "/api/v1/og": { name: "og", GET: getImage, POST: postImage },
    "/og": { name: "og", GET: getImage },
    "/v1/og-image": { name: "og-image", POST: postImage },
    "/api/v1/themes": {
      name: "themes",
      GET: () => {
        const themes = listThemes();
        return jsonResponse(
          {
            themes: themes.map((theme) => theme.name),
            palettes: Object.fromEntries(themes.map(({ name, ...palette }) => [name, palette])),
          },
          200,
          publicJson,
        );
      },
    },
    "/api/v1/icons": {
      name: "icons",
      GET: (_request, url) => {
        const q = (url.searchParams.get("q") ?? "").trim().toLowerCase();
        if (q.length > ICON_QUERY_MAX) {
          throw new OgError("INVALID_PARAMS", `q must be at most ${ICON_QUERY_MAX} characters`, {
            issues: [{ path: "q", message: `q must be at most ${ICON_QUERY_MAX} characters` }],
          });
        }
        const icons = q === "" ? listIcons() : listIcons().filter((name) => name.includes(q));
        return jsonResponse({ icons }, 200, publicJson);
      },
    },
    "/api/v1/openapi.json": {
      name: "openapi",
      GET: () => jsonResponse(ogOpenApi(basePath ? { serverUrl: basePath } : {}), 200, publicJson),
    },
    "/healthz": {
      name: "healthz",
      GET: () => {
        if (closing) throw overloaded("The server is shutting down");
        return jsonResponse(
          {
            status: "ok",
            engine: service.engineVersion,
            renders: { active: renderer.active, queued: renderer.queued, workers: renderer.workers },
            cache: { entries: cache.size, bytes: cache.bytes },
          },
          200,
          { "Cache-Control": "no-store" },
        );
      },
    },
    "/metrics": {
      name: "metrics",
      GET: async () => textResponse(await metrics.text(), metrics.contentType, { "Cache-Control": "no-store" }),
    },
  };

  function findRoute(pathname: string): Route | undefined {
    if (basePath) {
      if (pathname !== basePath && !pathname.startsWith(`${basePath}/`)) return undefined;
      pathname = pathname.slice(basePath.length) || "/";
    }
    if (options.playground && (pathname === "/playground" || pathname.startsWith("/playground/"))) {
      return { name: "playground", GET: (request) => options.playground!(request) };
    }
    return Object.hasOwn(routes, pathname) ? routes[pathname] : undefined;
  }

  const handler = async (request: Request): Promise<Response> => {
    inFlight++;
    let routeName = "unknown";
    let response: Response;
    try {
      const url = new URL(request.url);
      const route = findRoute(url.pathname);
      if (!route) throw new OgError("NOT_FOUND", `No route ${url.pathname}`);
      routeName = route.name;
      const method = request.method === "HEAD" ? "GET" : request.method;
      // Only the two methods we serve index the route: a method named "name" must not.
      const endpoint = method === "GET" || method === "POST" ? route[method as Method] : undefined;
      if (!endpoint) {
        const allow = [...(route.GET ? ["GET", "HEAD"] : []), ...(route.POST ? ["POST"] : [])].join(", ");
        throw new OgError("METHOD_NOT_ALLOWED", `${request.method} is not allowed here; use ${allow}`, {
          headers: { Allow: allow },
        });
      }
      response = await endpoint(request, url);
    } catch (thrown) {
      const error = OgError.from(thrown);
      metrics.errors.inc({ code: error.code });
      if (error.status >= 500) {
        try {
          onError(error, request);
        } catch {
          // A failing logger must not become a second failure.
        }
      }
      response = errorResponse(error);
    } finally {
      inFlight--;
    }
    metrics.requests.inc({ route: routeName, status: String(response.status) });
    return request.method === "HEAD" ? withoutBody(response) : response;
  };

  // The Node server answers cached images without a Web Request and Response (see fast-path.ts).
  fastPaths.set(
    handler,
    createFastPath({
      service,
      imageRoute: (pathname) => {
        const route = findRoute(pathname);
        return route?.GET === getImage ? route.name : undefined;
      },
      verify: verifiedQuery,
    }),
  );

  return Object.defineProperties(handler, {
    warm: { value: () => renderer.warm() },
    close: {
      value: async () => {
        closing = true;
        await renderer.close();
      },
    },
    inFlight: { get: () => inFlight },
  }) as OgHandler;
}
