import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { OgError, ogJsonSchema, safeParseOgParams } from "@ogkit/sdk";
import { CsvError, parse as parseCsv } from "csv-parse/sync";
import { NAME_FIELD } from "./output-name.js";

export type ManifestFormat = "json" | "ndjson" | "csv";

/** The manifest formats by file extension. */
export const MANIFEST_EXTENSIONS: Readonly<Record<string, ManifestFormat>> = {
  ".json": "json",
  ".ndjson": "ndjson",
  ".jsonl": "ndjson",
  ".csv": "csv",
};

/** One entry of a batch as read, before validation. */
export interface BatchEntry {
  /** Where it came from, for messages: `posts.ndjson:12` or `posts.csv:4` (line), `posts.json[3]` (index). */
  location: string;
  /** Its slug and image parameters. */
  fields: Readonly<Record<string, unknown>>;
  /**
   * true: the values are JSON values, read as the POST route reads a JSON body (null is an error).
   * false: read as `parseOgParams` reads an object (null and undefined are absent; numbers may be text).
   */
  json: boolean;
  /** Why the entry could not be read at all (a malformed NDJSON line, a value that is not an object). */
  error?: OgError;
}

/**
 * A problem with the batch as a whole (an unreadable or malformed manifest, a bad CSV header, an
 * unusable output directory): nothing is rendered and the CLI exits 2.
 */
export class BatchInputError extends Error {
  override readonly name = "BatchInputError";
}

export function manifestFormatOf(path: string): ManifestFormat {
  const extension = extname(path).toLowerCase();
  const format = Object.hasOwn(MANIFEST_EXTENSIONS, extension) ? MANIFEST_EXTENSIONS[extension] : undefined;
  if (!format) {
    throw new BatchInputError(
      `cannot tell the format of ${path} from its extension: use ${Object.keys(MANIFEST_EXTENSIONS).join(", ")}`,
    );
  }
  return format;
}

/** Reads a manifest file; its path (as given) names the entries' locations. */
export async function readManifest(
  path: string,
  format: ManifestFormat = manifestFormatOf(path),
): Promise<BatchEntry[]> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : String(error);
    throw new BatchInputError(`cannot read the manifest ${path}: ${reason}`);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new BatchInputError(`the manifest ${path} is not valid UTF-8`);
  }
  return parseManifest(text, format, path);
}

/** Parses a manifest's text; `name` prefixes every location. */
export function parseManifest(text: string, format: ManifestFormat, name: string): BatchEntry[] {
  switch (format) {
    case "json":
      return parseJsonManifest(text, name);
    case "ndjson":
      return parseNdjsonManifest(text, name);
    case "csv":
      return parseCsvManifest(text, name);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function notAnObject(value: unknown): OgError {
  const got = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
  return new OgError("INVALID_BODY", `the entry must be a JSON object of ${NAME_FIELD} and parameters (got ${got})`);
}

/** `at position 12` in a JSON.parse message, as a line and column of the text. */
function jsonErrorPlace(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position === undefined || / \(line \d+/.test(message)) return message;
  const before = text.slice(0, Number(position));
  const line = before.split("\n").length;
  const column = Number(position) - before.lastIndexOf("\n");
  return `${message} (line ${line} column ${column})`;
}

function parseJsonManifest(text: string, name: string): BatchEntry[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BatchInputError(`the manifest ${name} is not valid JSON: ${jsonErrorPlace(text, error)}`);
  }
  if (!Array.isArray(value)) {
    throw new BatchInputError(
      `the manifest ${name} must be a JSON array of entries, such as [{ "slug": "my-post", "title": "..." }]`,
    );
  }
  return value.map((item, index) => {
    const location = `${name}[${index}]`;
    return isObject(item)
      ? { location, fields: item, json: true }
      : { location, fields: {}, json: true, error: notAnObject(item) };
  });
}

function parseNdjsonManifest(text: string, name: string): BatchEntry[] {
  const entries: BatchEntry[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const location = `${name}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      entries.push({
        location,
        fields: {},
        json: true,
        error: new OgError("INVALID_BODY", `the line is not valid JSON: ${message}`),
      });
      continue;
    }
    entries.push(
      isObject(value)
        ? { location, fields: value, json: true }
        : { location, fields: {}, json: true, error: notAnObject(value) },
    );
  }
  return entries;
}

/** The CSV columns a manifest may have: the slug and every image parameter of the SDK's schema. */
function knownColumns(): Set<string> {
  return new Set([NAME_FIELD, ...Object.keys(ogJsonSchema().properties)]);
}

/** The SDK's own message for an unknown parameter, with its "did you mean" hint. */
function unknownColumnMessage(column: string): string {
  const result = safeParseOgParams({ [column]: "x" });
  const issue = result.success ? undefined : result.error.issues.find((item) => item.path === column);
  return issue?.message ?? `unknown parameter '${column}'`;
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

function parseCsvManifest(text: string, name: string): BatchEntry[] {
  // One line break style: csv-parse counts a CRLF inside a quoted field as two lines.
  const normalized = text.replace(/\r\n?/g, "\n");
  let records: CsvRecord[];
  try {
    records = parseCsv(normalized, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as CsvRecord[];
  } catch (error) {
    const line = error instanceof CsvError ? (error as CsvError & { lines?: number }).lines : undefined;
    const message = error instanceof Error ? error.message : String(error);
    throw new BatchInputError(`${line ? `${name}:${line}` : name}: the CSV cannot be read: ${message}`);
  }
  // A record of blank cells is a blank line.
  const rows = records.filter(({ record }) => record.some((cell) => cell.trim() !== ""));
  const [header, ...body] = rows;
  if (!header) return [];
  const headerLine = startLine(header);
  const columns = header.record.map((column) => column.trim());
  const known = knownColumns();
  const seen = new Set<string>();
  for (const column of columns) {
    if (column === "") throw new BatchInputError(`${name}:${headerLine}: the header has an empty column name`);
    if (seen.has(column)) throw new BatchInputError(`${name}:${headerLine}: the header names ${column} twice`);
    seen.add(column);
    if (!known.has(column)) throw new BatchInputError(`${name}:${headerLine}: ${unknownColumnMessage(column)}`);
  }
  if (!seen.has(NAME_FIELD)) {
    throw new BatchInputError(
      `${name}:${headerLine}: the header has no ${NAME_FIELD} column (each card's output name)`,
    );
  }
  return body.map((row) => {
    const location = `${name}:${startLine(row)}`;
    if (row.record.length !== columns.length) {
      const error = new OgError(
        "INVALID_BODY",
        `the row has ${row.record.length} fields; the header has ${columns.length}`,
      );
      return { location, fields: {}, json: false, error };
    }
    const fields: Record<string, string> = {};
    for (const [index, column] of columns.entries()) {
      const cell = row.record[index] ?? "";
      // An empty cell is a parameter not given: CSV has no other way to say so.
      if (cell.trim() !== "") fields[column] = cell;
    }
    return { location, fields, json: false };
  });
}

/** The line a record starts on: csv-parse reports the line it ends on; a quoted field may span lines. */
function startLine({ record, info }: CsvRecord): number {
  const breaks = record.reduce((count, cell) => count + cell.split("\n").length - 1, 0);
  return info.lines - breaks;
}
