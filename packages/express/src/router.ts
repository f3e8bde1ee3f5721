import type { IncomingMessage, ServerResponse } from "node:http";
import type { OgError } from "@ogkit/sdk";
import type { OgHandler } from "@ogkit/server";
import { type ErrorMiddleware, type NextFunction, ogErrorHandler } from "./errors.js";
import { type OgMiddlewareOptions, ogMiddleware } from "./middleware.js";

export interface OgImageOptions extends Omit<OgMiddlewareOptions, "errors"> {
  /**
   * true (default): the router ends with an error middleware that answers its own errors with the
   * SDK's JSON body. false: its errors go on to your app's error middleware as OgErrors (status,
   * headers and `toJSON()` body), for example to `ogErrorHandler()` after your own logging.
   */
  errorHandler?: boolean | undefined;
}

type RequestMiddleware = (req: IncomingMessage, res: ServerResponse, next: NextFunction) => void;

/**
 * The middleware chain of `ogImage`, for `app.use()`: the image routes, then (by default) the
 * error middleware for their errors. Express 4 and 5 take a list of middleware wherever they take one.
 */
export type OgImageRouter = (RequestMiddleware | ErrorMiddleware)[] & {
  /** The @ogkit/server handler behind the routes. */
  readonly handler: OgHandler;
  /** Stops the render workers (graceful shutdown, tests). */
  close(): Promise<void>;
};

/**
 * ogkit's image routes inside an Express app (4 or 5): GET/POST /api/v1/og, GET /og and POST
 * /v1/og-image, served by @ogkit/server's handler with its headers, caching and signatures
 * (secrets default to OGKIT_SECRET). A body already parsed by express.json() is used as is.
 * Errors are passed to Express's error handling with `next(error)` as OgErrors.
 * @example
 * app.use(ogImage());                   // https://example.com/api/v1/og?title=...
 * app.use("/images", ogImage());        // https://example.com/images/api/v1/og?title=...
 */
export function ogImage(options: OgImageOptions = {}): OgImageRouter {
  const { errorHandler = true, ...middlewareOptions } = options;
  const middleware = ogMiddleware({ ...middlewareOptions, errors: "next" });
  const own = new WeakSet<object>();
  const route: RequestMiddleware = (req, res, next) => {
    middleware(req, res, (error?: unknown) => {
      if (typeof error === "object" && error !== null) own.add(error);
      next(error);
    });
  };
  const answerOwn = ogErrorHandler();
  // Only the errors of these routes: an app's own errors passing by on their way down are not ours.
  const handleErrors: ErrorMiddleware = (error, req, res, next) => {
    if (typeof error === "object" && error !== null && own.has(error)) answerOwn(error as OgError, req, res, next);
    else next(error);
  };
  const chain: (RequestMiddleware | ErrorMiddleware)[] = errorHandler ? [route, handleErrors] : [route];
  return Object.assign(chain, { handler: middleware.handler, close: () => middleware.close() });
}
