import assert from "node:assert/strict";
// #region parse
import { canonicalQueryOf, MAX_QUERY_BYTES, OgError, parseOgParams, safeParseOgParams } from "@ogkit/sdk";

// A query string, URLSearchParams or an object (a JSON body): the resolved params a renderer gets.
const params = parseOgParams("title=Hello&size=square&accentColor=f60");
assert.deepEqual(params, {
  title: "Hello",
  theme: "dark",
  pattern: "none",
  layout: "standard",
  accent: "ff6600",
  width: 1080,
  height: 1080,
  format: "png",
});

// Every bad field is named, with the limit it broke.
assert.throws(
  () => parseOgParams({ title: "x".repeat(201), titel: "Hi", theme: "neon" }),
  (error: unknown) =>
    error instanceof OgError &&
    error.code === "INVALID_PARAMS" &&
    error.status === 400 &&
    JSON.stringify(error.issues) ===
      JSON.stringify([
        { path: "titel", message: "unknown parameter 'titel'; did you mean title?" },
        { path: "title", message: "title must be at most 200 characters (got 201)" },
        { path: "theme", message: "theme must be one of dark, light, gradient, cyberpunk, minimal, bold" },
      ]),
);
// #endregion

// #region safe-parse
const result = safeParseOgParams(`title=${"a".repeat(MAX_QUERY_BYTES)}`);
assert.equal(result.success, false);
if (!result.success) assert.equal(result.error.code, "URL_TOO_LONG"); // 414

// The canonical query of typed params: the cache key and the signed payload.
assert.equal(canonicalQueryOf({ theme: "light", title: "Hi" }), "title=Hi&theme=light");

// #endregion

export { params };
