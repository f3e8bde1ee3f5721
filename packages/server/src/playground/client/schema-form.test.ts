import {
  HEIGHT_LIMITS,
  isInputOnly,
  type OgJsonSchema,
  type OgParamName,
  ogJsonSchema,
  ogParamsShape,
  WIDTH_LIMITS,
} from "@ogkit/sdk";
import { describe, expect, it } from "vitest";
import { type FieldSpec, fieldsFromSchema } from "./schema-form.js";

const schema = ogJsonSchema();
const fields = fieldsFromSchema(schema);
const field = (name: OgParamName) => fields.find((spec) => spec.name === name) as FieldSpec;

describe("fieldsFromSchema", () => {
  it("has one field per parameter of the SDK's schema, in schema order", () => {
    expect(fields.map((spec) => spec.name)).toEqual(Object.keys(ogParamsShape));
  });

  it("marks the input-only aliases and presets the SDK folds away", () => {
    for (const spec of fields) expect(spec.inputOnly, spec.name).toBe(isInputOnly(spec.name as OgParamName));
    expect(field("accentColor").aliasOf).toBe("accent");
  });

  it("makes enums selects with the schema's values and default", () => {
    expect(field("theme")).toMatchObject({ kind: "select", defaultValue: "dark" });
    expect(field("theme").options).toEqual(schema.properties.theme?.enum);
    expect(field("size")).toMatchObject({ kind: "select", inputOnly: true });
    expect(field("size").defaultValue).toBeUndefined();
  });

  it("finds colors by what their pattern accepts, not by name", () => {
    expect(field("accent").kind).toBe("color");
    expect(field("bgColor").kind).toBe("color");
    expect(field("gradientStart").kind).toBe("color");
    expect(field("bgGradient").kind).toBe("color-pair");
    expect(field("icon").kind).toBe("text");
  });

  it("gives numbers their limits and text its length limit", () => {
    expect(field("width")).toMatchObject({ kind: "number", minimum: WIDTH_LIMITS.min, maximum: WIDTH_LIMITS.max });
    expect(field("height")).toMatchObject({ kind: "number", minimum: HEIGHT_LIMITS.min, maximum: HEIGHT_LIMITS.max });
    expect(field("title")).toMatchObject({ kind: "text", required: true, maxLength: 200 });
    expect(field("html").kind).toBe("code");
    expect(field("template").examples).toEqual(["default", "minimal", "gradient"]);
  });

  it("derives a field for a parameter it has never seen", () => {
    const extended: OgJsonSchema = {
      ...schema,
      properties: {
        ...schema.properties,
        footerColor: { type: "string", pattern: "^#?(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$", description: "New." },
        rotation: { type: "integer", minimum: 0, maximum: 359 },
        mood: { type: "string", enum: ["calm", "loud"], default: "calm" },
      },
    };
    const derived = fieldsFromSchema(extended).slice(-3);
    expect(derived.map(({ name, kind }) => [name, kind])).toEqual([
      ["footerColor", "color"],
      ["rotation", "number"],
      ["mood", "select"],
    ]);
  });
});
