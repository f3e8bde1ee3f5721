import * as z from "zod";
import { type OgParamName, ogParamsShape, type ResolvedOgParams } from "./schema.js";

type ResolvedKey = keyof ResolvedOgParams & OgParamName;

function metaOf(field: z.ZodType): Record<string, unknown> {
  return (z.globalRegistry.get(field) as Record<string, unknown> | undefined) ?? {};
}

/** A parameter's default, from the schema: a zod `.default()` or a declared `default` in its metadata. */
export function paramDefault(name: OgParamName): unknown {
  const field = ogParamsShape[name] as z.ZodType;
  if (field.def.type === "default") return (field.def as unknown as { defaultValue: unknown }).defaultValue;
  return metaOf(field).default;
}

/** Input-only parameters (presets and aliases) are folded into others and never appear in a canonical URL. */
export function isInputOnly(name: OgParamName): boolean {
  return metaOf(ogParamsShape[name] as z.ZodType).inputOnly === true;
}

/** The canonical keys in canonical order: the schema's key order without input-only parameters. */
export const canonicalKeys = (Object.keys(ogParamsShape) as OgParamName[]).filter(
  (name) => !isInputOnly(name),
) as ResolvedKey[];

const defaults = new Map(canonicalKeys.map((name) => [name, paramDefault(name)]));

/** How a resolved value is written on the wire: tuples comma-joined, numbers in decimal. */
export function wireValue(value: unknown): string {
  return Array.isArray(value) ? value.join(",") : String(value);
}

/**
 * Percent-encodes UTF-8, leaving only RFC 3986's unreserved characters (A-Z a-z 0-9 - . _ ~) as
 * they are; space is %20. A precise rule other-language clients reproduce byte for byte (Python:
 * urllib.parse.quote(s, safe="")), and one that no URL parser rewrites: browsers and `new URL()`
 * percent-encode the ' that encodeURIComponent leaves, which would break a signature over it.
 */
export function encodeComponent(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The one query string of a resolved set of parameters: keys in schema order, defaults omitted,
 * values normalized. Equal images have equal canonical queries; it is the cache key and the signed
 * payload. No leading '?'.
 */
export function canonicalQuery(params: ResolvedOgParams): string {
  const parts: string[] = [];
  for (const name of canonicalKeys) {
    const value = params[name];
    if (value === undefined) continue;
    const wire = wireValue(value);
    const fallback = defaults.get(name);
    if (fallback !== undefined && wire === wireValue(fallback)) continue;
    parts.push(`${name}=${encodeComponent(wire)}`);
  }
  return parts.join("&");
}
