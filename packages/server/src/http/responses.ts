import type { OgError } from "@ogkit/sdk";

const utf8 = new TextEncoder();

export type HeaderRecord = Record<string, string>;

/** A response as plain status, headers and body: what a server can write without a Web Response. */
export interface PlainResponse {
  status: number;
  headers: HeaderRecord;
  /** null for a response without a body (304). */
  body: Uint8Array | null;
}

/** A plain response whose body is bytes of its own, which a Web Response can take. */
type BytesResponse = PlainResponse & { body: Uint8Array<ArrayBuffer> };

/** A text body (JSON, HTML, Prometheus text) with its Content-Length, as plain parts. */
function textParts(text: string, contentType: string, status: number, headers: HeaderRecord): BytesResponse {
  const bytes = utf8.encode(text);
  return {
    status,
    headers: {
      "Content-Type": contentType,
      "Content-Length": String(bytes.byteLength),
      "X-Content-Type-Options": "nosniff",
      ...headers,
    },
    body: bytes,
  };
}

function jsonParts(body: unknown, status: number, headers: HeaderRecord): BytesResponse {
  return textParts(JSON.stringify(body), "application/json; charset=utf-8", status, headers);
}

function webResponse(parts: BytesResponse): Response {
  return new Response(parts.body, parts);
}

/** A JSON response with its Content-Length. */
export function jsonResponse(body: unknown, status = 200, headers: HeaderRecord = {}): Response {
  return webResponse(jsonParts(body, status, headers));
}

/** A text response (HTML, Prometheus text) with its Content-Length. */
export function textResponse(text: string, contentType: string, headers: HeaderRecord = {}): Response {
  return webResponse(textParts(text, contentType, 200, headers));
}

/**
 * The one shape of every error: status from the code, the SDK's JSON body (never a cause or a
 * stack), `no-store` so no cache ever keeps a failure, and the error's own headers (Allow,
 * Retry-After, Content-Range).
 */
export function errorResponse(error: OgError): Response {
  return webResponse(errorParts(error));
}

/** errorResponse's status, headers and body, for a server that writes them without a Web Response. */
export function errorParts(error: OgError): BytesResponse {
  return jsonParts(error.toJSON(), error.status, { "Cache-Control": "no-store", ...error.headers });
}

/** A HEAD answer: the GET response's status and headers (Content-Length included), no body. */
export function withoutBody(response: Response): Response {
  if (response.body === null) return response;
  void response.body.cancel();
  return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
}
