import type { IncomingMessage, ServerResponse } from "node:http";
import { OgError } from "@ogkit/sdk";
import { createOgHandler, type OgHandler, type OgHandlerOptions, sendWebResponse, toWebRequest } from "@ogkit/server";
import { secretsFromEnv } from "./env.js";
import { errorOfResponse, type NextFunction, sendOgError } from "./errors.js";

/**
 * The image routes of @ogkit/server's handler: GET/POST /api/v1/og, GET /og, POST /v1/og-image.
 * Only these are served; every other path falls through to `next()` (the handler's index page,
 * health and metrics routes belong to a standalone server, not inside an app).
 */
export const OG_IMAGE_ROUTES: readonly string[] = ["/api/v1/og", "/og", "/v1/og-image"];

/** A Node middleware, as Connect, Express and most Node frameworks call one. */
export type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next?: NextFunction) => void;

export interface OgMiddlewareOptions extends Omit<OgHandlerOptions, "basePath"> {
  /**
   * What to do with an error response of the handler: `"respond"` (default) sends it as is (the
   * SDK's JSON body); `"next"` passes it to `next(error)` as an OgError with that body, its status
   * and its headers, for the framework's error handling.
   */
  errors?: "respond" | "next" | undefined;
}

export interface OgMiddleware extends NodeMiddleware {
  /** The @ogkit/server handler behind it. */
  readonly handler: OgHandler;
  /** Stops the render workers (graceful shutdown, tests). */
  close(): Promise<void>;
}

type ParsedRequest = IncomingMessage & { body?: unknown; _body?: boolean };

/** A body parser (express.json(), body-parser) has already read the stream into `req.body`. */
function bodyAlreadyRead(req: ParsedRequest): boolean {
  return req._body === true || req.readableEnded;
}

function parsedBody(body: unknown): string | Uint8Array<ArrayBuffer> {
  if (body === undefined || body === null) return "";
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) return new Uint8Array(body);
  return JSON.stringify(body);
}

/** The Web Request of a Node request: streamed, or re-encoded from `req.body` if a parser read it. */
function webRequest(req: ParsedRequest, signal: AbortSignal): Request {
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  if (!hasBody || !bodyAlreadyRead(req)) return toWebRequest(req, signal);
  // The stream is used up: take URL and headers from a bodiless view of the request, then attach
  // the parsed body. The parser decoded and measured the original bytes, so their length and
  // encoding headers no longer describe what is sent.
  const head = toWebRequest(Object.create(req, { method: { value: "GET" } }) as IncomingMessage, signal);
  const headers = new Headers(head.headers);
  for (const name of ["content-length", "content-encoding", "transfer-encoding"]) headers.delete(name);
  return new Request(head.url, { method: req.method, headers, body: parsedBody(req.body), signal });
}

function pathOf(url: string | undefined): string {
  const path = (url ?? "/").split("?", 1)[0] ?? "/";
  return path === "" ? "/" : path;
}

/**
 * A framework-neutral Node middleware `(req, res, next)` serving ogkit's image routes through
 * @ogkit/server's Web handler: the request (streamed) becomes a `Request`, the `Response` is
 * streamed back. Other paths go to `next()` (a 404 JSON error without one).
 * @example
 * const og = ogMiddleware({ secrets: process.env.OGKIT_SECRET });
 * http.createServer((req, res) => og(req, res, () => res.writeHead(404).end())).listen(3000);
 */
export function ogMiddleware(options: OgMiddlewareOptions = {}): OgMiddleware {
  const { errors = "respond", ...handlerOptions } = options;
  const handler = createOgHandler({
    ...handlerOptions,
    secrets: handlerOptions.secrets ?? secretsFromEnv(),
    basePath: undefined,
  });

  async function serve(req: ParsedRequest, res: ServerResponse, next: NextFunction | undefined): Promise<void> {
    const aborted = new AbortController();
    res.once("close", () => {
      if (!res.writableFinished) aborted.abort();
    });
    let response: Response;
    try {
      response = await handler(webRequest(req, aborted.signal));
    } catch (error) {
      // The handler answers every failure itself; this is a request Node took and fetch refuses.
      const ogError = OgError.from(error);
      if (errors === "next" && next) next(ogError);
      else sendOgError(res, ogError);
      return;
    }
    if (errors === "next" && next) {
      const error = await errorOfResponse(response);
      if (error) {
        await response.body?.cancel();
        next(error);
        return;
      }
    }
    await sendWebResponse(res, response, req.method === "HEAD");
  }

  const middleware = (req: IncomingMessage, res: ServerResponse, next?: NextFunction): void => {
    if (!OG_IMAGE_ROUTES.includes(pathOf(req.url))) {
      if (next) next();
      else sendOgError(res, new OgError("NOT_FOUND", `No route ${pathOf(req.url)}`));
      return;
    }
    serve(req, res, next).catch(() => {
      // Writing the response failed: the client went away mid-stream.
      res.destroy();
    });
  };
  return Object.assign(middleware, { handler, close: () => handler.close() });
}
