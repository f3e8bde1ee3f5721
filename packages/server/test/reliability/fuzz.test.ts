import {
  encodeComponent,
  errorStatus,
  type JsonSchemaProperty,
  type OgErrorBody,
  ogJsonSchema,
  safeParseOgParams,
} from "@ogkit/sdk";
import fc from "fast-check";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOgHandler } from "../../src/http/handler.js";
import { call } from "../http/helpers.js";

// Property-based fuzzing of every parameter the SDK's JSON Schema declares: for each one, values that
// fit its schema, values at and past its bounds, and anything at all (any code unit, lone surrogates
// included, numbers of every kind, JSON of the wrong type), over GET and POST. Whatever comes in, the
// answer is an image of the size the SDK resolves, or a 4xx JSON error that names the field.

const schema = ogJsonSchema();
const parameters = Object.entries(schema.properties) as [string, JsonSchemaProperty][];

const serverErrors: string[] = [];
const og = createOgHandler({
  concurrency: 2,
  maxQueueWaitMs: 0,
  onError: (error) => serverErrors.push(`${error.code}: ${error.message}`),
});
beforeAll(() => og.warm(), 120_000);
afterAll(() => og.close());

/** Values that fit a parameter's schema, derived from its type, enum, bounds and pattern. */
function fitting(property: JsonSchemaProperty): fc.Arbitrary<unknown> {
  if (property.enum) return fc.constantFrom(...property.enum);
  if (property.type === "integer") {
    const min = property.minimum ?? 0;
    const max = property.maximum ?? 10_000;
    // The bounds themselves, and (rarely) a large image: render time is not what this tests.
    return fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(min, Math.min(min + 1, max)) },
      { weight: 1, arbitrary: fc.integer({ min, max }) },
    );
  }
  if (property.pattern) return fc.stringMatching(new RegExp(property.pattern));
  return fc.string({ minLength: property.minLength ?? 0, maxLength: property.maxLength ?? 100, unit: "grapheme" });
}

/** Values that may break a parameter: past its bounds, of the wrong type, or any text at all. */
function breaking(property: JsonSchemaProperty): fc.Arbitrary<unknown> {
  const max = property.maxLength ?? 200;
  return fc.oneof(
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.string({ unit: "grapheme", minLength: max, maxLength: max + 2 }),
    fc.constantFrom("", " ", "NaN", "Infinity", "-1", "1e400", "0x10", "1.5", "<b>", "../x", "%", "\u0000", "null"),
    fc.double().map(String),
    fc.integer({ min: -1_000_000, max: 1_000_000 }),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
  );
}

type Transport = "get" | "post";

/** A query when every value is text that can be percent-encoded (no lone surrogate), else a JSON body. */
function request(params: Record<string, unknown>, transport: Transport): { path: string; init?: RequestInit } {
  const texts = Object.values(params).every(
    (value) => typeof value === "string" || typeof value === "number" || typeof value === "boolean",
  );
  if (transport === "get" && texts) {
    try {
      const query = Object.entries(params)
        .map(([key, value]) => `${encodeComponent(key)}=${encodeComponent(String(value))}`)
        .join("&");
      return { path: `/api/v1/og?${query}` };
    } catch {
      // encodeURIComponent refuses lone surrogates: those go in a JSON body.
    }
  }
  return {
    path: "/api/v1/og",
    init: { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(params) },
  };
}

/** The one property every request must hold. */
async function holds(params: Record<string, unknown>, transport: Transport): Promise<void> {
  const { path, init } = request(params, transport);
  const response = await call(og, path, init);
  const label = `${response.status} ${path.slice(0, 200)} ${String(init?.body ?? "").slice(0, 200)}`;
  expect(response.status, label).toBeLessThan(500);
  const expected = safeParseOgParams(init?.body ? String(init.body) : path.slice(path.indexOf("?") + 1));
  if (response.status === 200) {
    expect(expected.success, label).toBe(true);
    if (!expected.success) return;
    const body = Buffer.from(await response.arrayBuffer());
    const meta = await sharp(body).metadata();
    expect({ width: meta.width, height: meta.height }, label).toEqual({
      width: expected.data.width,
      height: expected.data.height,
    });
    return;
  }
  expect(response.headers.get("cache-control"), label).toBe("no-store");
  const { error } = (await response.json()) as OgErrorBody;
  expect(errorStatus[error.code], label).toBe(response.status);
  if (!expected.success) {
    // The server refuses what the SDK refuses, with the same code and the same fields.
    expect(error.code, label).toBe(expected.error.code);
    expect(error.issues.map((issue) => issue.path).sort(), label).toEqual(
      expected.error.issues.map((issue) => issue.path).sort(),
    );
  } else {
    // Valid params the engine still refuses (an unknown icon or template, a refused html): a 400 naming it.
    expect(error.code, label).toBe("INVALID_PARAMS");
    expect(error.issues.length, label).toBeGreaterThan(0);
  }
}

const small = { width: 200, height: 100 };
const transport = fc.constantFrom<Transport>("get", "post");

describe("fuzzing every parameter of the JSON Schema", () => {
  it("derives the parameters from the schema", () => {
    expect(parameters.map(([name]) => name)).toEqual(expect.arrayContaining(["title", "width", "html", "icon"]));
    expect(parameters.length).toBeGreaterThanOrEqual(20);
  });

  it.each(parameters)(
    "%s: any value gets an image of the resolved size or a 4xx naming the field",
    async (name, property) => {
      const base = name === "title" ? small : { title: "Fuzz", ...small };
      await fc.assert(
        fc.asyncProperty(fc.oneof(fitting(property), breaking(property)), transport, async (value, via) => {
          await holds({ ...base, [name]: value }, via);
        }),
        { numRuns: 30 },
      );
    },
    120_000,
  );

  it("any combination of parameters, fitting or not", async () => {
    const combination = fc.record(
      Object.fromEntries(
        parameters.map(([name, property]) => [
          name,
          name === "width" || name === "height"
            ? fc.constant(name === "width" ? 200 : 100)
            : fc.oneof({ weight: 3, arbitrary: fitting(property) }, { weight: 1, arbitrary: breaking(property) }),
        ]),
      ),
      { requiredKeys: ["title", "width", "height"] },
    );
    await fc.assert(
      fc.asyncProperty(combination, transport, async (params, via) => holds(params, via)),
      { numRuns: 60 },
    );
  }, 180_000);

  it("reported no server error", () => {
    expect(serverErrors).toEqual([]);
  });
});
