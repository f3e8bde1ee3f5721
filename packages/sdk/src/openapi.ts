import * as z from "zod";
import { errorStatus, type OgErrorBody, type OgErrorCode } from "./errors.js";
import { formats, type ImageFormat, ogParamsSchema, SIGNATURE_KEYS, themes } from "./schema.js";
import { OG_PATH } from "./url.js";

/** A JSON Schema (draft 2020-12) or OpenAPI 3.1 document as plain JSON. */
export type JsonObject = { [key: string]: unknown };

/** The JSON Schema of one parameter, as `ogJsonSchema().properties[name]`. */
export interface JsonSchemaProperty extends JsonObject {
  type?: string;
  description?: string;
  enum?: unknown[];
  default?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
}

/** The JSON Schema of the input parameters: what a URL query or a JSON body may carry. */
export interface OgJsonSchema extends JsonObject {
  $schema: string;
  type: "object";
  properties: Record<string, JsonSchemaProperty>;
  required: string[];
}

/** The keywords of JSON Schema 2020-12 that a schema's `.meta()` may carry as they are. */
const JSON_SCHEMA_META_KEYWORDS = new Set([
  "id",
  "$id",
  "$comment",
  "title",
  "description",
  "default",
  "examples",
  "deprecated",
  "readOnly",
  "writeOnly",
  "format",
  "pattern",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "contentMediaType",
  "contentEncoding",
  "additionalProperties",
]);

/**
 * zod copies every `.meta()` key into the JSON Schema. ogkit's own keys (inputOnly, aliasOf) are not
 * JSON Schema keywords, and strict validators and OpenAPI linters refuse unknown keywords, so they
 * are carried as `x-` extensions. Objects also say what parseOgParams does: unknown keys are refused.
 */
function ogkitOverride(ctx: { zodSchema: unknown; jsonSchema: Record<string, unknown> }): void {
  const meta = z.globalRegistry.get(ctx.zodSchema as z.ZodType) as Record<string, unknown> | undefined;
  for (const key of Object.keys(meta ?? {})) {
    if (JSON_SCHEMA_META_KEYWORDS.has(key) || !(key in ctx.jsonSchema)) continue;
    ctx.jsonSchema[`x-${key}`] = ctx.jsonSchema[key];
    delete ctx.jsonSchema[key];
  }
  if (ctx.jsonSchema.type === "object" && ctx.jsonSchema.properties && !("additionalProperties" in ctx.jsonSchema)) {
    ctx.jsonSchema.additionalProperties = false;
  }
}

/**
 * zod puts a root schema with an `id` (OgParams) under `$defs` and makes the root a `$ref` to it.
 * Consumers (docs tables, forms, OpenAPI) want the object itself at the top, so it is moved up when
 * nothing else refers to it.
 */
function inlineRoot(schema: JsonObject): JsonObject {
  const { $ref, $defs, ...rest } = schema as JsonObject & { $ref?: unknown; $defs?: Record<string, JsonObject> };
  const prefix = "#/$defs/";
  if (typeof $ref !== "string" || !$ref.startsWith(prefix) || !$defs) return schema;
  const name = decodeURIComponent($ref.slice(prefix.length));
  const { [name]: body, ...others } = $defs;
  if (!body || JSON.stringify([body, others]).includes(JSON.stringify($ref))) return schema;
  return { ...rest, ...body, ...(Object.keys(others).length > 0 ? { $defs: others } : {}) };
}

/**
 * The JSON Schema (draft 2020-12) of ogkit's input parameters, generated from `ogParamsSchema`:
 * the aliases and presets a request may carry are included, defaults are annotations, and only
 * `title` is required. Cross-field rules (metric layout needs a value, aliases must agree) and
 * byte limits are checked by `parseOgParams`, not expressed here.
 * @example const { properties, required } = ogJsonSchema();
 */
export function ogJsonSchema(): OgJsonSchema {
  const generated = z.toJSONSchema(ogParamsSchema, { io: "input", override: ogkitOverride });
  return inlineRoot(generated as JsonObject) as OgJsonSchema;
}

/** The error body every ogkit endpoint answers with; typed against OgErrorBody so they cannot drift. */
const ogErrorBodySchema: z.ZodType<OgErrorBody> = z
  .object({
    error: z.object({
      code: z
        .enum(Object.keys(errorStatus) as [OgErrorCode, ...OgErrorCode[]])
        .meta({ description: "Stable, machine-readable error code; each maps to one HTTP status." }),
      message: z.string().meta({ description: "A human-readable explanation." }),
      issues: z
        .array(
          z.object({
            path: z.string().meta({ description: "The parameter's wire name; empty for the request as a whole." }),
            message: z.string(),
          }),
        )
        .meta({ description: "One entry per bad field (INVALID_PARAMS); empty otherwise." }),
    }),
  })
  .meta({ title: "OgErrorBody", description: "The JSON body of every ogkit error response." });

/** Signing parameters are reserved query keys, never image parameters. */
const signingParameters = {
  exp: {
    description: "Signing: unix seconds after which a signed URL is refused (403 EXPIRED). Covered by sig.",
    schema: { type: "integer", minimum: 0 },
  },
  sig: {
    description:
      "Signing: HMAC-SHA256 of every byte of the query before it, base64url without padding. Always the last parameter.",
    schema: { type: "string", contentEncoding: "base64url" },
  },
} satisfies Record<(typeof SIGNATURE_KEYS)[number], { description: string; schema: JsonObject }>;

/** The media type of each image format. */
export function imageMediaType(format: ImageFormat): string {
  return format === "svg" ? "image/svg+xml" : `image/${format}`;
}

/** Points `#/$defs/X` references at `#/components/schemas/X`, where the OpenAPI document keeps them. */
function rebaseRefs<T>(value: T): T {
  if (Array.isArray(value)) return value.map(rebaseRefs) as T;
  if (!value || typeof value !== "object") return value;
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      key === "$ref" && typeof item === "string" && item.startsWith("#/$defs/")
        ? `#/components/schemas/${item.slice("#/$defs/".length)}`
        : rebaseRefs(item);
  }
  return out as T;
}

function withoutSchemaKeyword(schema: JsonObject): JsonObject {
  const { $schema: _, ...rest } = schema;
  return rest;
}

/** One query parameter per schema property, each carrying that property's schema and description. */
function queryParameters(schema: OgJsonSchema): JsonObject[] {
  const required = new Set(schema.required);
  const params: JsonObject[] = Object.entries(schema.properties).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return { name, in: "query", required: required.has(name), description, schema: propertySchema };
  });
  for (const name of SIGNATURE_KEYS) {
    params.push({ name, in: "query", required: false, ...signingParameters[name] });
  }
  return params;
}

const errorResponseHeaders: Partial<Record<number, JsonObject>> = {
  416: { "Content-Range": { description: "bytes */<size of the image>.", schema: { type: "string" } } },
  405: { Allow: { description: "The methods the route accepts.", schema: { type: "string" } } },
  429: {
    "Retry-After": { description: "Seconds to wait before retrying.", schema: { type: "integer", minimum: 0 } },
  },
  503: {
    "Retry-After": { description: "Seconds to wait before retrying.", schema: { type: "integer", minimum: 0 } },
  },
};

/** Error responses for the given statuses, each listing the codes (from errorStatus) it can carry. */
function errorResponses(statuses: readonly number[]): JsonObject {
  const responses: JsonObject = {};
  for (const status of statuses) {
    const codes = (Object.keys(errorStatus) as OgErrorCode[]).filter(
      (code) => errorStatus[code] === status && code !== "NETWORK_ERROR",
    );
    responses[String(status)] = {
      description: codes.length > 0 ? codes.join(", ") : `HTTP ${status}`,
      ...(errorResponseHeaders[status] ? { headers: errorResponseHeaders[status] } : {}),
      content: { "application/json": { schema: { $ref: "#/components/schemas/OgErrorBody" } } },
    };
  }
  return responses;
}

const imageContent = Object.fromEntries(
  formats.map((format) => [
    imageMediaType(format),
    { schema: { type: "string", contentMediaType: imageMediaType(format) } },
  ]),
);

const cacheHeaders = {
  ETag: { description: "A strong validator of the image bytes.", schema: { type: "string" } },
  "Cache-Control": { description: "How long caches may keep the image.", schema: { type: "string" } },
};

const imageResponse = {
  description: "The image, in the requested format.",
  headers: cacheHeaders,
  content: imageContent,
};

/** GET also answers conditional (If-None-Match) and range requests. */
const getOnlyResponses = {
  "206": {
    description: "The requested byte range of the image.",
    headers: {
      ...cacheHeaders,
      "Content-Range": { description: "The range sent, of the whole image.", schema: { type: "string" } },
    },
    content: imageContent,
  },
  "304": { description: "Not modified: the If-None-Match ETag still matches.", headers: cacheHeaders },
};

const GET_IMAGE_ERRORS = [400, 403, 404, 405, 413, 414, 416, 429, 500, 503, 504] as const;
const POST_IMAGE_ERRORS = [400, 404, 405, 413, 415, 429, 500, 503, 504] as const;

export interface OgOpenApiOptions {
  /** The server's URL, e.g. https://og.example.com. Without it the document has no `servers`. */
  serverUrl?: string;
}

/**
 * The OpenAPI 3.1 document of an ogkit server's HTTP API, generated from `ogParamsSchema` and
 * `errorStatus`: every image parameter is a GET query parameter and a property of the POST body.
 * @example Response.json(ogOpenApi({ serverUrl: "https://og.example.com" }))
 */
export function ogOpenApi(options: OgOpenApiOptions = {}): JsonObject {
  const params = rebaseRefs(ogJsonSchema());
  const parameters = queryParameters(params);
  const paramsRef = { $ref: "#/components/schemas/OgParams" };
  const { $defs, ...paramsBody } = withoutSchemaKeyword(params);

  const getImage = (operationId: string, summary: string) => ({
    get: {
      operationId,
      summary,
      tags: ["images"],
      parameters,
      responses: { "200": imageResponse, ...getOnlyResponses, ...errorResponses(GET_IMAGE_ERRORS) },
    },
  });
  const postImage = (operationId: string, summary: string, extra: JsonObject = {}) => ({
    operationId,
    summary,
    tags: ["images"],
    requestBody: { required: true, content: { "application/json": { schema: paramsRef } } },
    responses: { "200": imageResponse, ...errorResponses(POST_IMAGE_ERRORS) },
    ...extra,
  });
  const json = (description: string, schema: JsonObject) => ({
    description,
    content: { "application/json": { schema } },
  });

  return {
    openapi: "3.1.0",
    info: {
      title: "ogkit",
      version: "1.0.0",
      description:
        "Dynamic Open Graph images. GET a canonical (optionally signed) URL, or POST the same parameters as JSON.",
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    tags: [
      { name: "images", description: "Render an image." },
      { name: "catalog", description: "What the server offers." },
      { name: "operations", description: "Health, metrics and this document." },
    ],
    paths: {
      [OG_PATH]: {
        ...getImage("getOgImage", "Render an image from query parameters"),
        post: postImage("postOgImage", "Render an image from a JSON body"),
      },
      "/og": getImage("getOgImageShort", "Render an image from query parameters (short path)"),
      "/v1/og-image": {
        post: postImage("postOgImageWithApiKey", "Render an image from a JSON body (hosted POST API compatible)", {
          description: "The x-api-key header is checked when the server is configured with API keys.",
          security: [{ apiKey: [] }, {}],
          responses: { "200": imageResponse, ...errorResponses([401, ...POST_IMAGE_ERRORS]) },
        }),
      },
      "/api/v1/themes": {
        get: {
          operationId: "listThemes",
          summary: "The built-in themes",
          tags: ["catalog"],
          responses: {
            "200": json("The theme names.", {
              type: "object",
              required: ["themes"],
              properties: { themes: { type: "array", items: { type: "string", enum: [...themes] } } },
            }),
          },
        },
      },
      "/api/v1/icons": {
        get: {
          operationId: "searchIcons",
          summary: "Search Lucide icon names",
          tags: ["catalog"],
          parameters: [
            {
              name: "q",
              in: "query",
              required: false,
              description: "Part of an icon name; without it, every name.",
              schema: { type: "string", maxLength: params.properties.icon?.maxLength },
            },
          ],
          responses: {
            "200": json("Matching icon names, usable as icon.", {
              type: "object",
              required: ["icons"],
              properties: { icons: { type: "array", items: { type: "string" } } },
            }),
            ...errorResponses([400]),
          },
        },
      },
      "/api/v1/openapi.json": {
        get: {
          operationId: "getOpenApi",
          summary: "This document",
          tags: ["operations"],
          responses: { "200": json("The OpenAPI 3.1 document.", { type: "object" }) },
        },
      },
      "/healthz": {
        get: {
          operationId: "getHealth",
          summary: "Liveness",
          tags: ["operations"],
          responses: {
            "200": json("The server is up.", {
              type: "object",
              required: ["status"],
              properties: { status: { const: "ok" } },
            }),
            ...errorResponses([503]),
          },
        },
      },
      "/metrics": {
        get: {
          operationId: "getMetrics",
          summary: "Prometheus metrics",
          tags: ["operations"],
          responses: {
            "200": {
              description: "Metrics in the Prometheus text exposition format.",
              content: { "text/plain": { schema: { type: "string" } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        OgParams: paramsBody,
        ...($defs as Record<string, JsonObject> | undefined),
        OgErrorBody: withoutSchemaKeyword(z.toJSONSchema(ogErrorBodySchema, { io: "input" }) as JsonObject),
      },
      securitySchemes: {
        apiKey: {
          type: "apiKey",
          in: "header",
          name: "x-api-key",
          description: "The hosted POST API's key header.",
        },
      },
    },
  };
}
