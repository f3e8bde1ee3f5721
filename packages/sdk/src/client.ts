import { errorStatus, OgError, type OgErrorCode } from "./errors.js";
import type { OgParams } from "./schema.js";
import { ogUrl } from "./url.js";

export interface OgClientOptions {
  /** The ogkit server: origin plus optional path prefix, e.g. https://og.example.com. */
  baseUrl: string;
  /** Signs every URL (HMAC-SHA256). Server-side only: never ship a secret to a browser. */
  secret?: string | undefined;
  /** Seconds until a signed URL expires. Needs `secret`. */
  expiresIn?: number | undefined;
  /** Sent as the x-api-key header by `fetchImage`. */
  apiKey?: string | undefined;
  /** Milliseconds each attempt may take, reading the body included (default 10 000). */
  timeout?: number | undefined;
  /** Attempts after the first one on 429, 5xx, timeouts and network errors (default 2). */
  retries?: number | undefined;
  /** Base of the exponential backoff in milliseconds, before jitter (default 300). */
  retryDelay?: number | undefined;
  /** Upper bound of any wait between attempts, a server's Retry-After included (default 30 000). */
  maxRetryDelay?: number | undefined;
  /** The fetch to use (default globalThis.fetch, looked up on each call). */
  fetch?: typeof globalThis.fetch | undefined;
}

export interface FetchImageOptions {
  /** Aborts the request, or the wait before a retry, at once; the promise rejects with its reason. */
  signal?: AbortSignal | undefined;
}

export interface OgImage {
  bytes: Uint8Array;
  contentType: string;
  headers: Headers;
}

export interface OgClient {
  /** The image URL, exactly as `ogUrl` builds it with the client's baseUrl and secret. */
  url(params: OgParams): string;
  /**
   * Fetches the image. Invalid params throw an OgError synchronously, before any request; every
   * other failure rejects with an OgError (the server's own, or NETWORK_ERROR), except a caller's
   * abort, which rejects with the signal's reason.
   */
  fetchImage(params: OgParams, options?: FetchImageOptions): Promise<OgImage>;
}

/** Statuses worth another attempt: the server is busy (429, 503) or failed in a way that may pass. */
function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/**
 * Milliseconds a Retry-After header asks to wait: delta seconds or an HTTP date. `undefined` when
 * absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Every HTTP date form starts with a day name; Date.parse alone would read "-5" as a year.
  const date = /^[A-Za-z]{3}/.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The code of an error response without an ogkit body: the code errorStatus gives that status. */
function codeForStatus(status: number): OgErrorCode {
  const match = (Object.keys(errorStatus) as OgErrorCode[]).find((code) => errorStatus[code] === status);
  return match ?? (status >= 500 ? "RENDER_FAILED" : "INVALID_PARAMS");
}

function withStatus(error: OgError, status: number): OgError {
  if (error.status !== status) Object.defineProperty(error, "status", { value: status });
  return error;
}

function errorFromResponse(response: Response, text: string): OgError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const fromBody = OgError.fromBody(body, response.status);
  if (fromBody) return fromBody;
  const statusText = response.statusText ? ` ${response.statusText}` : "";
  const error = new OgError(
    codeForStatus(response.status),
    `The ogkit server answered ${response.status}${statusText}`,
    {
      cause: text ? text.slice(0, 1000) : undefined,
    },
  );
  return withStatus(error, response.status);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

type Outcome = { image: OgImage } | { error: OgError; retryable: boolean; retryAfter?: number | undefined };

/**
 * A client for a remote ogkit server (or the hosted APIs it is compatible with).
 * @example
 * const og = createOgClient({ baseUrl: "https://og.example.com", apiKey: process.env.OG_KEY });
 * const { bytes, contentType } = await og.fetchImage({ title: "Hello" });
 */
export function createOgClient(options: OgClientOptions): OgClient {
  const { baseUrl, secret, expiresIn, apiKey } = options;
  const timeout = options.timeout ?? 10_000;
  const retries = Math.max(0, Math.floor(options.retries ?? 2));
  const retryDelay = options.retryDelay ?? 300;
  const maxRetryDelay = options.maxRetryDelay ?? 30_000;
  // Looked up per call, so a fetch patched after the client was created (msw, polyfills) is used,
  // and never called as a method of another object (browsers refuse an unbound window.fetch).
  const doFetch: typeof globalThis.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const headers: Record<string, string> = apiKey ? { "x-api-key": apiKey } : {};

  const url = (params: OgParams): string => ogUrl(params, { baseUrl, secret, expiresIn });

  function backoff(attempt: number): number {
    const ceiling = Math.min(maxRetryDelay, retryDelay * 2 ** attempt);
    // Equal jitter: half fixed, half random, so many clients do not retry in step.
    return ceiling / 2 + (Math.random() * ceiling) / 2;
  }

  async function attemptOnce(target: string, signal: AbortSignal | undefined): Promise<Outcome> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeout);
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      const response = await doFetch(target, { headers, signal: controller.signal });
      if (response.ok) {
        const bytes = new Uint8Array(await response.arrayBuffer());
        const contentType = response.headers.get("content-type") ?? "application/octet-stream";
        return { image: { bytes, contentType, headers: response.headers } };
      }
      const error = errorFromResponse(response, await response.text());
      const retryable = isRetryableStatus(response.status);
      return {
        error,
        retryable,
        retryAfter: retryable ? parseRetryAfter(response.headers.get("retry-after")) : undefined,
      };
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      const message = timedOut
        ? `The ogkit server did not answer within ${timeout} ms`
        : "The ogkit server could not be reached";
      return { error: new OgError("NETWORK_ERROR", message, { cause }), retryable: true };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  async function fetchWithRetries(target: string, signal: AbortSignal | undefined): Promise<OgImage> {
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      const outcome = await attemptOnce(target, signal);
      if ("image" in outcome) return outcome.image;
      if (!outcome.retryable || attempt >= retries) throw outcome.error;
      const wait = outcome.retryAfter === undefined ? backoff(attempt) : Math.min(outcome.retryAfter, maxRetryDelay);
      await sleep(wait, signal);
    }
  }

  return {
    url,
    fetchImage(params, fetchOptions = {}) {
      // Not async: invalid params throw here, synchronously, before any request.
      const target = url(params);
      return fetchWithRetries(target, fetchOptions.signal);
    },
  };
}
