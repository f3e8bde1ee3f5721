import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { type Duplex, Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { OgError } from "@ogkit/sdk";
import { DEFAULT_PORT, DEFAULT_SHUTDOWN_TIMEOUT_MS } from "./config.js";
import { fastPaths } from "./http/fast-path.js";
import { createOgHandler, type OgHandler, type OgHandlerOptions } from "./http/handler.js";

export interface OgServerOptions extends OgHandlerOptions {
  /** Port of `listen()` when it is called without one (default 3000; 0 picks a free port). */
  port?: number | undefined;
  /** Host of `listen()` when it is called without one (default: all interfaces). */
  host?: string | undefined;
  /** How long `close()` lets in-flight requests finish before cutting connections (default 10000 ms). */
  shutdownTimeoutMs?: number | undefined;
}

export interface OgServer {
  /** Starts listening; resolves with the server's URL (http://localhost:PORT for all interfaces). */
  listen(port?: number, host?: string): Promise<{ url: string; port: number }>;
  /**
   * Graceful stop: stops accepting connections, lets in-flight requests finish (within
   * `shutdownTimeoutMs`), closes the remaining connections and destroys the worker pool.
   */
  close(): Promise<void>;
  readonly server: Server;
  readonly handler: OgHandler;
}

// The request line and headers may be this large, so that an over-long URL reaches the handler
// and gets its 414 JSON answer; beyond it Node refuses the request itself (see clientError).
const MAX_HEADER_BYTES = 64 * 1024;

function statusLine(status: number): string {
  const reasons: Record<number, string> = { 400: "Bad Request", 408: "Request Timeout", 414: "URI Too Long" };
  return `HTTP/1.1 ${status} ${reasons[status] ?? "Error"}`;
}

/** Answers a request Node could not parse: JSON like every other error, then closes. */
function onClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  let body: string;
  let status: number;
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") {
    status = 408;
    body = JSON.stringify({
      error: { code: "INVALID_PARAMS", message: "The request took too long to arrive", issues: [] },
    });
  } else {
    const ogError =
      error.code === "HPE_HEADER_OVERFLOW"
        ? new OgError("URL_TOO_LONG", `The request line and headers are larger than ${MAX_HEADER_BYTES} bytes`)
        : new OgError("INVALID_PARAMS", "The request is not valid HTTP");
    status = ogError.status;
    body = JSON.stringify(ogError.toJSON());
  }
  socket.end(
    `${statusLine(status)}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** CONNECT asks for a proxy tunnel, which is never served: 405 JSON (Node would drop the socket silently). */
function onConnect(_req: IncomingMessage, socket: Duplex): void {
  socket.on("error", () => socket.destroy());
  const allow = "GET, HEAD, POST";
  const body = JSON.stringify(
    new OgError("METHOD_NOT_ALLOWED", `CONNECT is not allowed here; use ${allow}`, {
      headers: { Allow: allow },
    }).toJSON(),
  );
  socket.end(
    `HTTP/1.1 405 Method Not Allowed\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nAllow: ${allow}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function requestUrl(req: IncomingMessage): URL {
  const target = req.url ?? "/";
  const host = req.headers.host && /^[a-z0-9.\-[\]:]+$/i.test(req.headers.host) ? req.headers.host : "localhost";
  // Origin-form ("/path?query") is joined as text: new URL("//x", base) would read "x" as a host.
  return target.startsWith("/") ? new URL(`http://${host}${target}`) : new URL(target);
}

/** A Web Request for a Node request; the body streams, so the handler can count and cut it. */
export function toWebRequest(req: IncomingMessage, signal?: AbortSignal): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(requestUrl(req), {
    method,
    headers,
    signal: signal ?? null,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
  } as RequestInit);
}

/** Writes a Web Response to a Node response, streaming its body with backpressure. */
export async function sendWebResponse(res: ServerResponse, response: Response, head = false): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  if (response.body === null || head) {
    await response.body?.cancel();
    res.end();
    return;
  }
  await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), res);
}

/**
 * The ogkit handler on node:http.
 *
 * @example
 * const server = createOgServer({ secrets: ["s3cret"] });
 * const { url } = await server.listen(3000);
 * process.on("SIGTERM", () => server.close());
 */
export function createOgServer(options: OgServerOptions = {}): OgServer {
  const handler = createOgHandler(options);
  const active = new Set<ServerResponse>();
  let closing: Promise<void> | undefined;
  const fastPath = fastPaths.get(handler);

  /**
   * A GET or HEAD of a cached image (or a 304), or one the renderer would refuse (503), answered
   * without a Web Request and Response, which cost ten times more than the rest of a warm request.
   * Anything else (a body, a Range, a URL the Web Request would refuse, an image to render) goes the
   * full way.
   */
  function answeredWithoutRender(req: IncomingMessage, res: ServerResponse): boolean {
    const method = req.method;
    if (!fastPath || closing || (method !== "GET" && method !== "HEAD")) return false;
    const headers = req.headers;
    if (headers.range !== undefined || headers["content-length"] !== undefined) return false;
    if (headers["transfer-encoding"] !== undefined) return false;
    let url: URL;
    try {
      url = requestUrl(req);
    } catch {
      return false;
    }
    const answer = fastPath({ method, url, ifNoneMatch: headers["if-none-match"] ?? null });
    if (!answer) return false;
    res.writeHead(answer.status, answer.headers);
    res.end(method === "HEAD" || answer.body === null ? undefined : answer.body);
    return true;
  }

  const server = createServer(
    { maxHeaderSize: MAX_HEADER_BYTES, requestTimeout: 30_000, headersTimeout: 15_000, keepAliveTimeout: 5_000 },
    (req, res) => {
      if (answeredWithoutRender(req, res)) return;
      active.add(res);
      const aborted = new AbortController();
      res.on("close", () => {
        active.delete(res);
        if (!res.writableFinished) aborted.abort();
        if (closing && active.size === 0) server.emit("ogkit:drained");
      });
      void (async () => {
        let response: Response;
        try {
          response = await handler(toWebRequest(req, aborted.signal));
        } catch (error) {
          // toWebRequest refused the request (a header Node accepted but fetch does not).
          const ogError =
            error instanceof TypeError
              ? new OgError("INVALID_PARAMS", "The request is malformed")
              : OgError.from(error);
          response = new Response(JSON.stringify(ogError.toJSON()), {
            status: ogError.status,
            headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
          });
        }
        // An unread body (413, 401, ...) cannot be skipped safely: finish this connection.
        if (!req.complete) res.shouldKeepAlive = false;
        if (closing) res.setHeader("Connection", "close");
        await sendWebResponse(res, response, req.method === "HEAD");
      })().catch(() => {
        res.destroy();
      });
    },
  );
  server.on("clientError", onClientError);
  server.on("connect", onConnect);

  return {
    server,
    handler,
    listen(port = options.port ?? DEFAULT_PORT, host = options.host) {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          // Ready the render threads while the first requests arrive; a failure shows on those renders.
          handler.warm().catch(() => {});
          const address = server.address() as AddressInfo;
          const shown =
            !host || address.address === "::" || address.address === "0.0.0.0"
              ? "localhost"
              : address.family === "IPv6"
                ? `[${address.address}]`
                : address.address;
          resolve({ url: `http://${shown}:${address.port}`, port: address.port });
        });
      });
    },
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        if (active.size > 0) {
          const timeout = options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, timeout);
            server.once("ogkit:drained", () => {
              clearTimeout(timer);
              resolve();
            });
          });
        }
        server.closeAllConnections();
        await stopped;
        await handler.close();
      })();
      return closing;
    },
  };
}
