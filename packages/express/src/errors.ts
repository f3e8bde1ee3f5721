import type { IncomingMessage, ServerResponse } from "node:http";
import { isOgError, OgError } from "@ogkit/sdk";

export type NextFunction = (error?: unknown) => void;

/** An error middleware: Express and Connect tell it by its four parameters. */
export type ErrorMiddleware = (error: unknown, req: IncomingMessage, res: ServerResponse, next: NextFunction) => void;

/** Headers of an error response that its body does not carry (Allow, Retry-After, Cache-Control). */
function carriedHeaders(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of response.headers) {
    if (name !== "content-type" && name !== "content-length") headers[name] = value;
  }
  return headers;
}

/**
 * The OgError of a handler's error response (its JSON body and headers), or undefined when the
 * response is not an error. Leaves `response` unread.
 */
export async function errorOfResponse(response: Response): Promise<OgError | undefined> {
  if (response.status < 400) return undefined;
  const body = await response
    .clone()
    .json()
    .catch(() => undefined);
  const parsed = OgError.fromBody(body, response.status);
  if (!parsed) return undefined;
  return new OgError(parsed.code, parsed.message, { issues: parsed.issues, headers: carriedHeaders(response) });
}

/** Writes an OgError as every ogkit server does: its status, its headers, the SDK's JSON body. */
export function sendOgError(res: ServerResponse, error: OgError): void {
  const body = JSON.stringify(error.toJSON());
  res.statusCode = error.status;
  const headers: Record<string, string> = {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(body)),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...error.headers,
  };
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end(body);
}

/**
 * An error middleware that answers any OgError with the SDK's JSON body, status and headers, and
 * passes every other error on. Mount it after your routes to answer the errors of `ogImage({
 * errorHandler: false })`, or OgErrors your own routes throw (an invalid `ogUrl`).
 * @example
 * app.use(ogImage({ errorHandler: false }));
 * app.use(ogErrorHandler());
 */
export function ogErrorHandler(): ErrorMiddleware {
  return (error, _req, res, next) => {
    if (!isOgError(error) || res.headersSent) {
      next(error);
      return;
    }
    sendOgError(res, error);
  };
}
