import { createHash } from "node:crypto";

/**
 * A strong ETag of everything that decides an image's bytes: the canonical query (format
 * included), the engine version and the version of the custom template set.
 */
export function imageEtag(canonical: string, engineVersion: string, templatesVersion: string): string {
  const digest = createHash("sha256")
    .update(`${engineVersion}\n${templatesVersion}\n${canonical}`)
    .digest("base64url")
    .slice(0, 32);
  return `"${digest}"`;
}

/** If-None-Match: `*`, or a list of tags compared weakly (RFC 9110 13.1.2). */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (ifNoneMatch === null) return false;
  const value = ifNoneMatch.trim();
  if (value === "*") return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  const wanted = opaque(etag);
  return value.split(",").some((tag) => opaque(tag) === wanted);
}

export type RangeResult = { start: number; end: number } | "unsatisfiable" | undefined;

/**
 * One byte range (RFC 9110 14.2). `undefined` means "send the whole image": no header, a syntax we
 * ignore as the RFC allows (other units, several ranges). Crawlers send `bytes=0-524288`.
 */
export function parseRange(header: string | null, size: number): RangeResult {
  if (header === null) return undefined;
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return undefined;
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return undefined;
  if (first === "") {
    // A suffix: the last N bytes.
    const length = Number(last);
    if (length === 0) return "unsatisfiable";
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  if (last !== "" && Number(last) < start) return undefined;
  if (start >= size) return "unsatisfiable";
  const end = last === "" ? size - 1 : Number(last);
  return { start, end: Math.min(end, size - 1) };
}
