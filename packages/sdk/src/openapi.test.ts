import { describe, expect, it } from "vitest";
import { z } from "zod";
import { paramDefault } from "./canonical.js";
import { errorStatus } from "./errors.js";
import { imageMediaType, type JsonObject, ogJsonSchema, ogOpenApi } from "./openapi.js";
import {
  formats,
  HEIGHT_LIMITS,
  layouts,
  type OgParamName,
  ogParamsSchema,
  ogParamsShape,
  patterns,
  SIGNATURE_KEYS,
  sizePresets,
  themes,
  WIDTH_LIMITS,
} from "./schema.js";
import { OG_PATH } from "./url.js";

const names = Object.keys(ogParamsShape) as OgParamName[];
const schema = ogJsonSchema();
const doc = ogOpenApi() as JsonObject & {
  paths: Record<
    string,
    Record<string, JsonObject & { parameters?: JsonObject[]; responses: Record<string, JsonObject> }>
  >;
  components: { schemas: Record<string, JsonObject>; securitySchemes: Record<string, JsonObject> };
};

/** The zod type under optional/default wrappers. */
function unwrap(field: z.ZodType): z.ZodType {
  let inner = field;
  while (inner.def.type === "optional" || inner.def.type === "default") {
    inner = (inner.def as unknown as { innerType: z.ZodType }).innerType;
  }
  return inner;
}

/** Whether the zod schema itself accepts `value` for one field, the others valid (metric needs a value). */
function accepts(name: string, value: unknown): boolean {
  return ogParamsSchema.safeParse({ title: "T", value: "1", [name]: value }).success;
}

/** Every `$ref` in a JSON value. */
function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (key === "$ref" && typeof item === "string") found.push(item);
      else refsIn(item, found);
    }
  }
  return found;
}

function resolvePointer(pointer: string): unknown {
  expect(pointer.startsWith("#/")).toBe(true);
  return pointer
    .slice(2)
    .split("/")
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, segment) => (node as Record<string, unknown> | undefined)?.[segment], doc);
}

describe("ogJsonSchema", () => {
  it("is a draft 2020-12 object schema with every parameter, in schema order", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.type).toBe("object");
    expect(schema.$ref).toBeUndefined();
    expect(Object.keys(schema.properties)).toEqual(names);
  });

  it("requires exactly title and refuses unknown keys, as parseOgParams does", () => {
    expect(schema.required).toEqual(["title"]);
    expect(schema.additionalProperties).toBe(false);
  });

  it("describes every parameter", () => {
    for (const name of names) {
      expect(schema.properties[name]?.description, name).toMatch(/\S/);
    }
  });

  it("has the enums of the zod schema", () => {
    for (const name of names) {
      const inner = unwrap(ogParamsShape[name] as z.ZodType);
      if (inner.def.type !== "enum") {
        expect(schema.properties[name]?.enum, name).toBeUndefined();
        continue;
      }
      const options = (inner as unknown as z.ZodEnum).options;
      expect(schema.properties[name]?.enum, name).toEqual(options);
      for (const option of options) expect(accepts(name, option), `${name}=${option}`).toBe(true);
      expect(accepts(name, "not-an-option"), name).toBe(false);
    }
    expect(schema.properties.theme?.enum).toEqual([...themes]);
    expect(schema.properties.pattern?.enum).toEqual([...patterns]);
    expect(schema.properties.layout?.enum).toEqual([...layouts]);
    expect(schema.properties.format?.enum).toEqual([...formats]);
    expect(schema.properties.size?.enum).toEqual(Object.keys(sizePresets));
  });

  it("states string limits the zod schema enforces", () => {
    let checked = 0;
    for (const name of names) {
      const { minLength, maxLength } = schema.properties[name] ?? {};
      if (maxLength !== undefined) {
        checked++;
        expect(accepts(name, "a".repeat(maxLength)), `${name} at ${maxLength}`).toBe(true);
        expect(accepts(name, "a".repeat(maxLength + 1)), `${name} over ${maxLength}`).toBe(false);
      }
      if (minLength !== undefined) {
        expect(accepts(name, "a".repeat(minLength)), `${name} at ${minLength}`).toBe(true);
        expect(accepts(name, "a".repeat(minLength - 1)), `${name} under ${minLength}`).toBe(false);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(8);
    expect(schema.properties.title).toMatchObject({ minLength: 1, maxLength: 200 });
  });

  it("states numeric limits the zod schema enforces", () => {
    expect(schema.properties.width).toMatchObject({
      type: "integer",
      minimum: WIDTH_LIMITS.min,
      maximum: WIDTH_LIMITS.max,
    });
    expect(schema.properties.height).toMatchObject({
      type: "integer",
      minimum: HEIGHT_LIMITS.min,
      maximum: HEIGHT_LIMITS.max,
    });
    for (const name of names) {
      const { minimum, maximum } = schema.properties[name] ?? {};
      if (minimum === undefined || maximum === undefined) continue;
      expect(
        [minimum, maximum].map((n) => accepts(name, n)),
        name,
      ).toEqual([true, true]);
      expect(
        [minimum - 1, maximum + 1, minimum + 0.5].map((n) => accepts(name, n)),
        name,
      ).toEqual([false, false, false]);
    }
  });

  it("documents the defaults the canonical query omits", () => {
    for (const name of names) {
      expect(schema.properties[name]?.default, name).toEqual(paramDefault(name));
    }
  });

  it("carries ogkit's own metadata as x- extensions, never as unknown keywords", () => {
    expect(schema.properties.size?.["x-inputOnly"]).toBe(true);
    expect(schema.properties.accentColor?.["x-aliasOf"]).toBe("accent");
    for (const name of names) {
      for (const key of Object.keys(schema.properties[name] ?? {})) {
        expect(["inputOnly", "aliasOf"], `${name}.${key}`).not.toContain(key);
      }
    }
  });

  it("validates like the zod schema once round-tripped through z.fromJSONSchema", () => {
    const validator = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
    const valid = { title: "Hello", theme: "light", width: 800, accent: "#f60", size: "twitter", icon: "rocket" };
    expect(validator.safeParse(valid).success).toBe(true);
    expect(ogParamsSchema.safeParse(valid).success).toBe(true);
    const invalid: unknown[] = [
      {},
      { title: "" },
      { title: "x".repeat(201) },
      { title: "x", theme: "neon" },
      { title: "x", width: 199 },
      { title: "x", height: 1.5 },
      { title: "x", accent: "orange" },
      { title: "x", icon: "Rocket" },
      { title: "x", colour: "fff" },
    ];
    for (const input of invalid) {
      expect(validator.safeParse(input).success, JSON.stringify(input)).toBe(false);
    }
  });
});

describe("ogOpenApi", () => {
  const getImage = doc.paths[OG_PATH]?.get;
  const parameterNames = [...names, ...SIGNATURE_KEYS];

  it("has the shape of an OpenAPI 3.1 document", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(["OgParams", "OgErrorBody"]));
    expect(doc.components.securitySchemes.apiKey).toEqual(
      expect.objectContaining({ type: "apiKey", in: "header", name: "x-api-key" }),
    );
    expect(doc).not.toHaveProperty("servers");
    expect(ogOpenApi({ serverUrl: "https://og.example.com" }).servers).toEqual([{ url: "https://og.example.com" }]);
    // Plain JSON: nothing undefined, no functions, nothing that JSON.stringify would drop.
    expect(JSON.parse(JSON.stringify(doc))).toStrictEqual(doc);
  });

  it("has every route of the HTTP API, each operation with a unique id and described responses", () => {
    const routes = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes.sort()).toEqual(
      [
        `GET ${OG_PATH}`,
        `POST ${OG_PATH}`,
        "GET /og",
        "POST /v1/og-image",
        "GET /api/v1/themes",
        "GET /api/v1/icons",
        "GET /api/v1/openapi.json",
        "GET /healthz",
        "GET /metrics",
      ].sort(),
    );
    const operations = Object.values(doc.paths).flatMap((item) => Object.values(item));
    const ids = operations.map((operation) => operation.operationId);
    expect(new Set(ids).size).toBe(operations.length);
    for (const operation of operations) {
      expect(operation.responses["200"], String(operation.operationId)).toBeDefined();
      for (const response of Object.values(operation.responses)) expect(response.description).toMatch(/\S/);
    }
    expect(doc.paths["/api/v1/icons"]?.get?.parameters?.map((p) => p.name)).toEqual(["q"]);
  });

  it("has one GET query parameter per schema property, plus the signing keys", () => {
    for (const path of [OG_PATH, "/og"]) {
      const parameters = doc.paths[path]?.get?.parameters ?? [];
      expect(parameters.map((p) => p.name)).toEqual(parameterNames);
      for (const parameter of parameters) {
        expect(parameter.in).toBe("query");
        expect(parameter.description, String(parameter.name)).toMatch(/\S/);
        expect(parameter.required).toBe(parameter.name === "title");
      }
    }
  });

  it("derives each query parameter from the JSON Schema property", () => {
    for (const parameter of getImage?.parameters ?? []) {
      const name = parameter.name as string;
      const property = schema.properties[name];
      if (!property) continue;
      const { description, ...rest } = property;
      expect(parameter.description).toBe(description);
      expect(parameter.schema, name).toEqual(rest);
    }
    const byName = Object.fromEntries((getImage?.parameters ?? []).map((p) => [p.name, p.schema as JsonObject]));
    expect(byName.theme?.enum).toEqual([...themes]);
    expect(byName.width).toMatchObject({ minimum: WIDTH_LIMITS.min, maximum: WIDTH_LIMITS.max });
    expect(byName.title).toMatchObject({ maxLength: 200 });
    expect(byName.exp).toMatchObject({ type: "integer" });
    expect(byName.sig).toMatchObject({ type: "string" });
  });

  it("takes the same parameters as a JSON body on both POST routes", () => {
    const body = doc.components.schemas.OgParams as { properties: JsonObject; required: string[] };
    expect(Object.keys(body.properties)).toEqual(names);
    expect(body.required).toEqual(["title"]);
    expect(body).not.toHaveProperty("$schema");
    for (const path of [OG_PATH, "/v1/og-image"]) {
      expect(doc.paths[path]?.post?.requestBody).toEqual({
        required: true,
        content: { "application/json": { schema: { $ref: "#/components/schemas/OgParams" } } },
      });
    }
    expect(doc.paths["/v1/og-image"]?.post?.security).toContainEqual({ apiKey: [] });
  });

  it("answers images in every format and errors with OgErrorBody", () => {
    const responses = getImage?.responses ?? {};
    expect(Object.keys((responses["200"] as { content: JsonObject }).content)).toEqual(formats.map(imageMediaType));
    expect(formats.map(imageMediaType)).toEqual(["image/png", "image/jpeg", "image/webp", "image/svg+xml"]);
    for (const status of ["400", "403", "404", "405", "413", "414", "503", "504"]) {
      expect(responses[status], status).toMatchObject({
        content: { "application/json": { schema: { $ref: "#/components/schemas/OgErrorBody" } } },
      });
    }
    expect(responses["403"]?.description).toContain("BAD_SIGNATURE");
    expect(responses["503"]).toHaveProperty("headers.Retry-After");
    const errorBody = doc.components.schemas.OgErrorBody as {
      properties: { error: { properties: { code: { enum: string[] } } } };
    };
    expect(errorBody.properties.error.properties.code.enum).toEqual(Object.keys(errorStatus));
  });

  it("resolves every $ref inside the document", () => {
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(resolvePointer(ref), ref).toBeDefined();
  });
});
