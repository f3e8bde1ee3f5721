/**
 * The generated parts of the docs: docs/http-api.md (from the SDK's OpenAPI document), the
 * parameter mapping tables of docs/migration.md and the limits table of docs/security.md (from the
 * schema and the server's constants). `npm run generate -w @ogkit/docs` writes them; the docs test
 * fails when a checked-in file differs (`--check` does the same from the command line).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  builtinTemplates,
  DEFAULT_HEIGHT,
  DEFAULT_WIDTH,
  HEIGHT_LIMITS,
  HTML_MAX_BYTES,
  type JsonObject,
  type JsonSchemaProperty,
  MAX_QUERY_BYTES,
  ogJsonSchema,
  ogOpenApi,
  paramDefault,
  WIDTH_LIMITS,
} from "@ogkit/sdk";
import { configTable } from "../../packages/server/src/config.js";
import { MAX_BODY_BYTES } from "../../packages/server/src/http/body.js";

const REPO = new URL("../../", import.meta.url).pathname;
/** The origin the docs' examples send requests to: the server `npm start` runs. */
const LOCAL = "http://localhost:3000";

type Property = JsonSchemaProperty & { "x-aliasOf"?: string; "x-inputOnly"?: boolean; contentMediaType?: string };

const code = (text: unknown) => `\`${String(text)}\``;
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** A schema in a few words: its type and limits. */
function describeSchema(schema: Property): string {
  if (schema.enum) return schema.enum.map(code).join(", ");
  const parts: string[] = [];
  if (schema.type) parts.push(String(schema.type));
  if (schema.minimum !== undefined || schema.maximum !== undefined) {
    parts.push(`${schema.minimum ?? ""}–${schema.maximum ?? ""}`);
  }
  if (schema.maxLength !== undefined)
    parts.push(`${schema.minLength ? `${schema.minLength}–` : "≤ "}${schema.maxLength} chars`);
  if (schema.pattern?.includes("0-9a-fA-F")) {
    parts.push(schema.pattern.includes(",") ? "two hex colors, `from,to`" : "hex color, 3 or 6 digits, `#` optional");
  } else if (schema.pattern) parts.push(`pattern ${code(schema.pattern)}`);
  if (schema.contentMediaType) parts.push(schema.contentMediaType);
  if (typeof schema.contentEncoding === "string") parts.push(schema.contentEncoding);
  if (schema.default !== undefined) parts.push(`default ${code(schema.default)}`);
  return parts.join(", ");
}

interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: { name: string; in: string; required: boolean; description?: string; schema: Property }[];
  requestBody?: JsonObject;
  security?: JsonObject[];
  responses: Record<
    string,
    { description: string; headers?: Record<string, { description: string }>; content?: JsonObject }
  >;
}

/** A request the docs test sends to the handler, through the curl line it checks. */
function curlExample(method: string, path: string, operation: Operation): string {
  const required = ogJsonSchema().required;
  const params = Object.fromEntries(required.map((name) => [name, "Hello ogkit"]));
  const isImage = operation.tags.includes("images");
  if (method === "post") {
    const key = operation.security ? "  # with OGKIT_API_KEYS set, add -H 'x-api-key: <key>'" : "";
    return `curl -o card.png -H "content-type: application/json" -d '${JSON.stringify(params)}' ${LOCAL}${path}${key}`;
  }
  if (isImage)
    return `curl -o card.png "${LOCAL}${path}?${new URLSearchParams(params).toString().replace(/\+/g, "%20")}"`;
  const query = operation.parameters?.some((p) => p.name === "q") ? "?q=arrow" : "";
  return `curl "${LOCAL}${path}${query}"`;
}

function operationSection(method: string, path: string, operation: Operation, sameAs?: string): string[] {
  const lines = [
    `### ${method.toUpperCase()} ${path}`,
    "",
    `${operation.summary}.${operation.description ? ` ${operation.description}` : ""}`,
    "",
  ];
  if (sameAs) {
    lines.push(
      `Parameters and responses: as [${sameAs}](#${sameAs
        .toLowerCase()
        .replace(/[^a-z0-9 -]/g, "")
        .replace(/ /g, "-")}).`,
      "",
    );
  } else {
    if (operation.parameters?.length) {
      lines.push("| parameter | in | required | schema | description |", "| --- | --- | --- | --- | --- |");
      for (const p of operation.parameters) {
        const alias = p.schema["x-aliasOf"]
          ? ` Input only: folded into ${code(p.schema["x-aliasOf"])}.`
          : p.schema["x-inputOnly"]
            ? " Input only."
            : "";
        lines.push(
          `| ${code(p.name)} | ${p.in} | ${p.required ? "yes" : ""} | ${cell(describeSchema(p.schema))} | ${cell(`${p.description ?? ""}${alias}`)} |`,
        );
      }
      lines.push("");
    }
    if (operation.requestBody) {
      lines.push(
        "Body: `application/json`, an object of the [image parameters](#get-apiv1og) (schema `OgParams`).",
        "",
      );
    }
    if (operation.security) lines.push("Authentication: the `x-api-key` header, when the server has API keys.", "");
    lines.push("| status | meaning | content | headers |", "| --- | --- | --- | --- |");
    for (const [status, response] of Object.entries(operation.responses)) {
      const content = Object.keys(response.content ?? {})
        .map(code)
        .join(", ");
      const headers = Object.keys(response.headers ?? {})
        .map(code)
        .join(", ");
      lines.push(`| ${status} | ${cell(response.description)} | ${content} | ${headers} |`);
    }
    lines.push("");
  }
  lines.push("```sh", curlExample(method, path, operation), "```", "");
  return lines;
}

export function httpApiDoc(): string {
  const document = ogOpenApi() as JsonObject & {
    info: { description: string };
    tags: { name: string; description: string }[];
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: { OgErrorBody: JsonObject } };
  };
  const lines = [
    "<!-- Generated by docs/scripts/generate.ts from ogOpenApi() of @ogkit/sdk; do not edit. -->",
    "# HTTP API",
    "",
    `${document.info.description} Every route below is served by \`createOgHandler\`, so by`,
    "`ogkit serve`, `createOgServer` and the framework adapters alike (which mount the image routes).",
    "A server answers `GET /api/v1/openapi.json` with this document as OpenAPI 3.1 JSON.",
    "",
    "Every example is a request the docs test sends to the handler. The image parameters are described",
    "in full in [parameters.md](parameters.md); signing in [security.md](security.md).",
    "",
  ];
  const seen = new Map<string, string>();
  for (const tag of document.tags) {
    lines.push(`## ${tag.description.replace(/\.$/, "")}`, "");
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (!operation.tags.includes(tag.name)) continue;
        const key = JSON.stringify([method, operation.parameters, operation.responses]);
        const title = `${method.toUpperCase()} ${path}`;
        lines.push(...operationSection(method, path, operation, seen.get(key)));
        if (!seen.has(key)) seen.set(key, title);
      }
    }
  }
  lines.push(
    "## Errors",
    "",
    "Every error has this JSON body, the status its code maps to ([error codes](parameters.md#error-codes))",
    "and `Cache-Control: no-store`. Its schema, `OgErrorBody`:",
    "",
    "```json output",
    JSON.stringify(document.components.schemas.OgErrorBody, null, 2),
    "```",
    "",
  );
  return lines.join("\n");
}

// --- migration.md --------------------------------------------------------------------------------

/**
 * The first seed (the free GET API) as its documentation lists its parameters, with its limits and
 * values: the other API's vocabulary, which ogkit's schema is checked against.
 */
const GET_API: Record<string, { limit?: number; values?: string[] }> = {
  title: { limit: 200 },
  subtitle: { limit: 300 },
  caption: { limit: 100 },
  theme: { values: ["dark", "light", "gradient", "cyberpunk"] },
  pattern: { values: ["dots", "grid", "diagonal", "waves", "circuit", "none"] },
  icon: {},
  layout: { values: ["standard", "metric"] },
  titleColor: {},
  subtitleColor: {},
  bgColor: {},
  bgGradient: {},
};

/** The second seed (the keyed POST API): its body fields, and its template names. */
const POST_API: Record<string, { values?: string[] }> = {
  title: {},
  subtitle: {},
  template: { values: ["default", "minimal", "gradient"] },
  accentColor: {},
  html: {},
};

function ogkitField(name: string): Property {
  const property = ogJsonSchema().properties[name] as Property | undefined;
  if (!property) throw new Error(`the seed's parameter ${name} is not in ogkit's schema: map it by hand`);
  return property;
}

function ogkitLimits(property: Property): string {
  if (property.maxLength !== undefined) return `≤ ${property.maxLength} characters`;
  if (property.enum) return property.enum.map(code).join(", ");
  if (property.pattern?.includes(",")) return "two hex colors, `from,to`";
  if (property.pattern?.includes("0-9a-fA-F")) return "hex color, 3 or 6 digits, `#` optional";
  return describeSchema(property);
}

export function getApiTable(): string {
  const rows = Object.entries(GET_API).map(([name, seed]) => {
    const property = ogkitField(name);
    for (const value of seed.values ?? []) {
      if (!property.enum?.includes(value)) throw new Error(`the seed's ${name}=${value} is not an ogkit value`);
    }
    if (seed.limit !== undefined && (property.maxLength ?? 0) < seed.limit) {
      throw new Error(`ogkit's ${name} is shorter than the seed's ${seed.limit} characters`);
    }
    const seedSide = seed.values
      ? seed.values.map(code).join(", ")
      : seed.limit
        ? `up to ${seed.limit} characters`
        : "";
    const extra = property.enum?.filter((value) => !seed.values?.includes(value as string)) ?? [];
    const more = seed.values && extra.length ? `; also ${extra.map(code).join(", ")}` : "";
    const ogkitSide = seed.values ? `${seed.values.map(code).join(", ")}${more}` : ogkitLimits(property);
    return `| ${code(name)} | ${seedSide} | ${code(name)} | ${ogkitSide} |`;
  });
  return ["| GET API | its values | ogkit | ogkit's values |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

export function postApiTable(): string {
  const rows = Object.entries(POST_API).map(([name, seed]) => {
    const property = ogkitField(name);
    let target = code(name);
    let note = ogkitLimits(property);
    if (property["x-aliasOf"]) {
      target = `${code(name)}, an alias of ${code(property["x-aliasOf"])}`;
      note = `${ogkitLimits(ogkitField(property["x-aliasOf"]))}; the canonical URL says ${code(property["x-aliasOf"])}`;
    } else if (seed.values) {
      const themes = seed.values.map((value) => {
        const theme = (builtinTemplates as Record<string, string>)[value];
        if (!theme) throw new Error(`the seed's template ${value} is not a built-in template`);
        return `${code(value)} → ${code(`theme=${theme}`)}`;
      });
      note = `${themes.join(", ")}; other names select your own templates`;
    } else if (name === "html") {
      note = `at most ${HTML_MAX_BYTES / 1024} KB of UTF-8; images only as \`data:\` URIs, no web fonts`;
    }
    const seedSide = seed.values ? seed.values.map(code).join(", ") : "";
    return `| ${code(name)} | ${seedSide} | ${target} | ${note} |`;
  });
  return [
    "| POST API | its values | ogkit | ogkit's values |",
    "| --- | --- | --- | --- |",
    ...rows,
    `| \`x-api-key\` header | your key | \`x-api-key\` header | checked against \`OGKIT_API_KEYS\` |`,
    `| (output) | 1200×630 PNG | (the defaults) | \`width\` ${DEFAULT_WIDTH}, \`height\` ${DEFAULT_HEIGHT}, \`format\` ${code(paramDefault("format"))} |`,
  ].join("\n");
}

// --- security.md ---------------------------------------------------------------------------------

export function limitsTable(): string {
  const schema = ogJsonSchema();
  const texts = Object.entries(schema.properties)
    .filter(([, property]) => property.maxLength !== undefined && property.type === "string" && !property.pattern)
    .map(([name, property]) => `${code(name)} ${property.maxLength}`);
  const config = (option: string) => configTable.find((entry) => entry.option === option);
  const row = (what: string, limit: string, answer: string) => `| ${what} | ${limit} | ${answer} |`;
  const timeout = config("renderTimeoutMs");
  const queue = config("maxQueue");
  return [
    "| what | limit | beyond it |",
    "| --- | --- | --- |",
    row("query string of a GET", `${MAX_QUERY_BYTES} bytes`, "414 `URL_TOO_LONG`"),
    row("JSON body of a POST", `${MAX_BODY_BYTES / 1024} KB`, "413 `BODY_TOO_LARGE`"),
    row("text parameters, in characters", texts.join(", "), "400 `INVALID_PARAMS`"),
    row(
      "`width` x `height`",
      `${WIDTH_LIMITS.min}–${WIDTH_LIMITS.max} x ${HEIGHT_LIMITS.min}–${HEIGHT_LIMITS.max} px`,
      "400 `INVALID_PARAMS`",
    ),
    row("`html`", `${HTML_MAX_BYTES / 1024} KB of UTF-8`, "400 `INVALID_PARAMS`"),
    row(
      "render time",
      `${timeout?.defaultText} ms (\`${timeout?.env}\`)`,
      "504 `RENDER_TIMEOUT`, the worker is replaced",
    ),
    row(
      "renders waiting for a worker",
      `${queue?.defaultText} (\`${queue?.env}\`)`,
      "503 `OVERLOADED` with `Retry-After`",
    ),
  ].join("\n");
}

// --- writing -------------------------------------------------------------------------------------

/** Replaces what sits between `<!-- generated:name:start -->` and `<!-- generated:name:end -->`. */
export function fillMarkers(text: string, name: string, content: string): string {
  const start = `<!-- generated:${name}:start (docs/scripts/generate.ts) -->`;
  const end = `<!-- generated:${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to < from) throw new Error(`the page has no ${start} ... ${end} markers`);
  return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`;
}

/** Every generated file: its path from the repository root, and its content. */
export function generatedFiles(): { path: string; content: string }[] {
  const read = (path: string) => readFileSync(join(REPO, path), "utf8");
  let migration = read("docs/migration.md");
  migration = fillMarkers(migration, "get-api", getApiTable());
  migration = fillMarkers(migration, "post-api", postApiTable());
  return [
    { path: "docs/http-api.md", content: httpApiDoc() },
    { path: "docs/migration.md", content: migration },
    { path: "docs/security.md", content: fillMarkers(read("docs/security.md"), "limits", limitsTable()) },
  ];
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  let stale = false;
  for (const { path, content } of generatedFiles()) {
    const current = existsSync(join(REPO, path)) ? readFileSync(join(REPO, path), "utf8") : "";
    if (current === content) continue;
    if (process.argv.includes("--check")) {
      console.error(`${path} is stale: run npm run generate -w @ogkit/docs`);
      stale = true;
    } else {
      writeFileSync(join(REPO, path), content);
      console.log(`wrote ${path}`);
    }
  }
  if (stale) process.exit(1);
}
