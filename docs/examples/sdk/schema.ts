import assert from "node:assert/strict";
// #region json-schema
import { ogJsonSchema, ogOpenApi } from "@ogkit/sdk";

const schema = ogJsonSchema(); // JSON Schema draft 2020-12 of the input parameters
assert.deepEqual(schema.required, ["title"]);
assert.equal(schema.properties.title?.maxLength, 200);
assert.equal(schema.properties.accentColor?.["x-aliasOf"], "accent");

const openapi = ogOpenApi({ serverUrl: "https://og.example.com" }); // what GET /api/v1/openapi.json serves
assert.equal(openapi.openapi, "3.1.0");
assert.ok("/api/v1/og" in (openapi.paths as object));

// #endregion

// #region zod
import { type OgParams, ogParamsSchema, ogParamsShape, type ResolvedOgParams } from "@ogkit/sdk";

// The zod schema itself, for your own forms or validators (parseOgParams adds wire decoding).
const input: OgParams = { title: "Hi", size: "twitter" };
const resolved: ResolvedOgParams = ogParamsSchema.parse(input);
assert.deepEqual([resolved.width, resolved.height], [1200, 600]);
assert.equal(ogParamsShape.subtitle.safeParse("x".repeat(301)).success, false);

// #endregion

// #region constants
import {
  builtinTemplates,
  DEFAULT_HEIGHT,
  DEFAULT_THEME,
  DEFAULT_WIDTH,
  formats,
  HEIGHT_LIMITS,
  HTML_MAX_BYTES,
  imageMediaType,
  layouts,
  OG_PATH,
  patterns,
  sizePresets,
  textLength,
  themes,
  WIDTH_LIMITS,
} from "@ogkit/sdk";

assert.ok(themes.includes(DEFAULT_THEME) && patterns.includes("dots") && layouts.includes("metric"));
assert.deepEqual(sizePresets.og, { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT });
assert.equal(builtinTemplates.gradient, "gradient"); // the hosted POST API's template -> a theme
assert.ok(DEFAULT_WIDTH >= WIDTH_LIMITS.min && DEFAULT_HEIGHT <= HEIGHT_LIMITS.max);
assert.equal(HTML_MAX_BYTES, 50 * 1024);
assert.deepEqual(formats.map(imageMediaType), ["image/png", "image/jpeg", "image/webp", "image/svg+xml"]);
assert.equal(OG_PATH, "/api/v1/og");
assert.equal(textLength("🚀 Go"), 4); // code points, as the limits count them

// #endregion

// #region canonical-parts
import { canonicalKeys, canonicalQuery, encodeComponent, isInputOnly, paramDefault, wireValue } from "@ogkit/sdk";

assert.deepEqual(canonicalKeys.slice(0, 4), ["title", "subtitle", "caption", "brand"]);
assert.equal(isInputOnly("accentColor"), true);
assert.equal(paramDefault("pattern"), "none");
assert.equal(wireValue(["ff6600", "1a1a2e"]), "ff6600,1a1a2e");
assert.equal(encodeComponent("it's 50%"), "it%27s%2050%25");
assert.equal(canonicalQuery(resolved), "title=Hi&height=600");
// #endregion
