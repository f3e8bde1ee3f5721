import { OgError } from "@ogkit/sdk";

/** The largest JSON body a POST route reads (the `html` field alone may be 50 KB). */
export const MAX_BODY_BYTES = 64 * 1024;

function tooLarge(limit: number): OgError {
  return new OgError("BODY_TOO_LARGE", `The body is larger than ${limit} bytes`);
}

/**
 * Whether a POST body may be read as JSON: application/json or any +json type, and also text/plain
 * or no Content-Type at all, which is what `fetch(url, { body: JSON.stringify(...) })` sends when the
 * caller sets no Content-Type (as the hosted POST API's published examples do). A body that then
 * fails to parse is a 400; clearly non-JSON types (forms, multipart, images) are a 415.
 */
export function acceptsJsonBody(header: string | null): boolean {
  if (header === null || header.trim() === "") return true;
  const type = header.split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || type === "text/plain" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/**
 * Reads a request body as UTF-8 text, refusing more than `limit` bytes: first by the declared
 * Content-Length, then by counting what actually arrives (a client may lie or stream chunked).
 */
export async function readBodyText(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  if (request.body === null) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new OgError("INVALID_BODY", "The body is not valid UTF-8");
  }
}
