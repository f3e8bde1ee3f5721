import { distance } from "fastest-levenshtein";
import type { z } from "zod";
import { canonicalQuery } from "./canonical.js";
import { invalidParams, OgError, type OgIssue } from "./errors.js";
import {
  type OgParamName,
  type OgParams,
  ogParamsSchema,
  ogParamsShape,
  type ResolvedOgParams,
  SIGNATURE_KEYS,
} from "./schema.js";

/** Requests whose query is longer than this many bytes are refused (URL_TOO_LONG, 414). */
export const MAX_QUERY_BYTES = 4096;

/** What `parseOgParams` reads: a URL query, a JSON body, or a plain object. */
export type OgParamsInput = URLSearchParams | string | Readonly<Record<string, unknown>>;

const paramNames = Object.keys(ogParamsShape) as OgParamName[];
const known = new Set<string>(paramNames);
const reserved = new Set<string>(SIGNATURE_KEYS);
const numeric = new Set<string>(
  paramNames.filter((name) => {
    let field = ogParamsShape[name] as z.ZodType;
    while (field.def.type === "optional" || field.def.type === "default") {
      field = (field.def as unknown as { innerType: z.ZodType }).innerType;
    }
    return field.def.type === "number";
  }),
);

const utf8 = new TextEncoder();

function unknownKey(key: string): OgIssue {
  const shown = key.length > 40 ? `${key.slice(0, 40)}…` : key;
  let best: string | undefined;
  let bestDistance = 3;
  for (const name of known) {
    const d = distance(key.toLowerCase(), name.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  const hint = best ? `; did you mean ${best}?` : "";
  return { path: key, message: `unknown parameter '${shown}'${hint}` };
}

/** Splits a raw query by position, decoding strictly: broken percent-encoding is an error, not a guess. */
function queryEntries(query: string, issues: OgIssue[]): [string, string][] {
  const entries: [string, string][] = [];
  for (const part of query.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const rawKey = eq === -1 ? part : part.slice(0, eq);
    const rawValue = eq === -1 ? "" : part.slice(eq + 1);
    try {
      entries.push([decode(rawKey), decode(rawValue)]);
    } catch {
      const key = safeDecode(rawKey);
      issues.push({ path: key, message: `${key || "a parameter"} has broken percent-encoding` });
    }
  }
  return entries;
}

function decode(component: string): string {
  return decodeURIComponent(component.replace(/\+/g, " "));
}

function safeDecode(component: string): string {
  try {
    return decode(component);
  } catch {
    return "";
  }
}

function parseJson(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new OgError("INVALID_BODY", "The body is not valid JSON");
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new OgError("INVALID_BODY", "The body must be a JSON object of parameters");
  }
  return value as Record<string, unknown>;
}

function checkQueryLength(query: string): void {
  const bytes = utf8.encode(query).length;
  if (bytes > MAX_QUERY_BYTES) {
    throw new OgError("URL_TOO_LONG", `The query is ${bytes} bytes; the limit is ${MAX_QUERY_BYTES}`);
  }
}

/** Turns any supported input into [key, value] pairs, keeping repeats so they can be reported. */
function entriesOf(input: OgParamsInput, issues: OgIssue[]): [string, unknown][] {
  if (typeof input === "string") {
    const text = input.trim();
    if (text.startsWith("{")) return Object.entries(parseJson(text));
    const query = text.startsWith("?") ? text.slice(1) : text;
    checkQueryLength(query);
    return queryEntries(query, issues);
  }
  if (input instanceof URLSearchParams) {
    checkQueryLength(input.toString());
    return [...input.entries()];
  }
  if (!input || typeof input !== "object" || Array.isArray(input)) {
    throw new OgError("INVALID_BODY", "Parameters must be a query string, URLSearchParams or an object");
  }
  const entries: [string, unknown][] = [];
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || value === null) continue;
    // An array in an object is a repeated key, reported like one.
    if (Array.isArray(value)) for (const item of value) entries.push([key, item]);
    else entries.push([key, value]);
  }
  return entries;
}

/** Query strings carry every value as text; whole numbers are decoded for numeric parameters only. */
function wireDecode(key: string, value: unknown): unknown {
  if (numeric.has(key) && typeof value === "string" && /^\d{1,6}$/.test(value)) return Number(value);
  return value;
}

function toIssues(error: z.ZodError): OgIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

/**
 * Parses and validates request parameters into the resolved params a renderer receives.
 * Unknown keys are refused (a typo should not silently render a default card); the signing keys
 * `exp` and `sig` are ignored here and checked by `verifySignedQuery`.
 * @throws OgError INVALID_PARAMS with one issue per bad field, URL_TOO_LONG, or INVALID_BODY.
 */
export function parseOgParams(input: OgParamsInput): ResolvedOgParams {
  const issues: OgIssue[] = [];
  const values: Record<string, unknown> = {};
  const counts = new Map<string, number>();
  for (const [key, value] of entriesOf(input, issues)) {
    if (reserved.has(key)) continue;
    if (!known.has(key)) {
      if (!counts.has(key)) issues.push(unknownKey(key));
      counts.set(key, 1);
      continue;
    }
    const seen = (counts.get(key) ?? 0) + 1;
    counts.set(key, seen);
    if (seen === 2) issues.push({ path: key, message: `${key} is given more than once; give it once` });
    values[key] = wireDecode(key, value);
  }
  const result = ogParamsSchema.safeParse(values);
  if (!result.success) {
    // A key already reported (repeated, broken encoding) gets no second, derived message.
    const reported = new Set(issues.map((issue) => issue.path));
    issues.push(...toIssues(result.error).filter((issue) => !reported.has(issue.path)));
  }
  if (issues.length > 0) throw invalidParams(issues);
  return result.data as ResolvedOgParams;
}

export type SafeParseResult = { success: true; data: ResolvedOgParams } | { success: false; error: OgError };

/** `parseOgParams` without throwing. */
export function safeParseOgParams(input: OgParamsInput): SafeParseResult {
  try {
    return { success: true, data: parseOgParams(input) };
  } catch (error) {
    return { success: false, error: OgError.from(error) };
  }
}

/** Validates typed params (as `ogUrl` takes them) and returns their canonical query. */
export function canonicalQueryOf(params: OgParams): string {
  return canonicalQuery(parseOgParams(params as Record<string, unknown>));
}
