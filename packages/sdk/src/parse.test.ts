import { describe, expect, it } from "vitest";
import { OgError } from "./errors.js";
import { MAX_QUERY_BYTES, parseOgParams, safeParseOgParams } from "./parse.js";

function issuesOf(input: Parameters<typeof parseOgParams>[0]) {
  try {
    parseOgParams(input);
  } catch (error) {
    expect(error).toBeInstanceOf(OgError);
    return (error as OgError).issues;
  }
  throw new Error("expected parseOgParams to throw");
}

function codeOf(input: Parameters<typeof parseOgParams>[0]) {
  const result = safeParseOgParams(input);
  if (result.success) throw new Error("expected a failure");
  return result.error.code;
}

describe("parseOgParams", () => {
  const expected = { title: "Hello world", theme: "light", pattern: "dots", width: 1200, height: 630 };

  it("reads a query string, with or without '?', '+' or %20 for spaces", () => {
    expect(parseOgParams("title=Hello+world&theme=light&pattern=dots")).toMatchObject(expected);
    expect(parseOgParams("?title=Hello%20world&theme=light&pattern=dots")).toMatchObject(expected);
  });

  it("reads URLSearchParams, a plain object and a JSON body alike", () => {
    const search = new URLSearchParams({ title: "Hello world", theme: "light", pattern: "dots" });
    const fromSearch = parseOgParams(search);
    expect(parseOgParams({ title: "Hello world", theme: "light", pattern: "dots" })).toEqual(fromSearch);
    expect(parseOgParams('{"title":"Hello world","theme":"light","pattern":"dots"}')).toEqual(fromSearch);
    expect(fromSearch).toMatchObject(expected);
  });

  it("applies defaults and leaves absent optional params out", () => {
    expect(parseOgParams("title=x")).toEqual({
      title: "x",
      theme: "dark",
      pattern: "none",
      layout: "standard",
      format: "png",
      width: 1200,
      height: 630,
    });
  });

  it("normalizes colors to six lower-case digits without '#'", () => {
    const params = parseOgParams({ title: "x", accent: "#F60", titleColor: "ABCDEF", bgColor: "#123" });
    expect(params).toMatchObject({ accent: "ff6600", titleColor: "abcdef", bgColor: "112233" });
  });

  it("folds gradientStart/gradientEnd into bgGradient and accentColor into accent", () => {
    expect(parseOgParams("title=x&gradientStart=%23ff6600&gradientEnd=1a1a2e")).toMatchObject({
      bgGradient: ["ff6600", "1a1a2e"],
    });
    expect(parseOgParams({ title: "x", accentColor: "#6366f1" })).toMatchObject({ accent: "6366f1" });
    expect(parseOgParams({ title: "x", accentColor: "#6366f1" })).not.toHaveProperty("accentColor");
  });

  it("maps the hosted POST API's templates onto themes, unless a theme is given", () => {
    expect(parseOgParams({ title: "x", template: "gradient" })).toMatchObject({ theme: "gradient" });
    expect(parseOgParams({ title: "x", template: "minimal" })).toMatchObject({ theme: "minimal" });
    expect(parseOgParams({ title: "x", template: "default" })).toMatchObject({ theme: "dark" });
    expect(parseOgParams({ title: "x", template: "minimal", theme: "bold" })).toMatchObject({ theme: "bold" });
    expect(parseOgParams({ title: "x", template: "default" })).not.toHaveProperty("template");
    expect(parseOgParams({ title: "x", template: "my-card" })).toMatchObject({ template: "my-card" });
  });

  it("resolves size presets, with explicit width or height overriding that side", () => {
    expect(parseOgParams("title=x&size=square")).toMatchObject({ width: 1080, height: 1080 });
    expect(parseOgParams("title=x&size=twitter")).toMatchObject({ width: 1200, height: 600 });
    expect(parseOgParams("title=x&size=linkedin")).toMatchObject({ width: 1200, height: 627 });
    expect(parseOgParams("title=x&size=square&height=500")).toMatchObject({ width: 1080, height: 500 });
    expect(parseOgParams("title=x&width=800")).toMatchObject({ width: 800, height: 630 });
  });

  it("ignores the signing keys exp and sig", () => {
    expect(parseOgParams("title=x&exp=1&sig=abc")).toEqual(parseOgParams("title=x"));
  });

  it("trims text and counts characters as code points", () => {
    expect(parseOgParams({ title: "  spaced  " }).title).toBe("spaced");
    expect(parseOgParams({ title: "🚀".repeat(200) }).title).toHaveLength(400);
    expect(issuesOf({ title: "🚀".repeat(201) })).toEqual([
      { path: "title", message: "title must be at most 200 characters (got 201)" },
    ]);
  });

  it("names the field and the limit for every bad value", () => {
    expect(issuesOf("title=")).toEqual([{ path: "title", message: "title is required and must not be empty" }]);
    expect(issuesOf("theme=dark")).toEqual([{ path: "title", message: "title is required" }]);
    expect(issuesOf({ title: "x", subtitle: "s".repeat(301) })[0]).toEqual({
      path: "subtitle",
      message: "subtitle must be at most 300 characters (got 301)",
    });
    expect(issuesOf("title=x&theme=purple")[0]?.message).toBe(
      "theme must be one of dark, light, gradient, cyberpunk, minimal, bold",
    );
    expect(issuesOf("title=x&accent=red")[0]).toMatchObject({ path: "accent" });
    expect(issuesOf("title=x&bgGradient=ff6600")[0]).toMatchObject({ path: "bgGradient" });
    expect(issuesOf("title=x&width=2401")[0]).toEqual({ path: "width", message: "width must be at most 2400" });
    expect(issuesOf("title=x&height=99")[0]).toEqual({ path: "height", message: "height must be at least 100" });
    for (const width of ["12.5", "-5", "NaN", "1e3", "", "0x10"]) {
      expect(issuesOf(`title=x&width=${width}`)[0]?.path).toBe("width");
    }
    expect(issuesOf("title=x&icon=../../etc/passwd")[0]?.path).toBe("icon");
    expect(issuesOf("title=x&icon=Rocket")[0]?.path).toBe("icon");
    expect(issuesOf("title=x&format=gif")[0]?.path).toBe("format");
    expect(issuesOf({ title: "x", html: "x".repeat(50 * 1024 + 1) })[0]?.path).toBe("html");
  });

  it("reports every bad field at once", () => {
    const paths = issuesOf("title=&theme=nope&width=5&accent=zz").map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(["title", "theme", "width", "accent"]));
  });

  it("requires value for the metric layout", () => {
    expect(issuesOf("title=x&layout=metric")).toEqual([
      { path: "value", message: "value is required when layout is metric" },
    ]);
    expect(parseOgParams("title=x&layout=metric&value=99%25")).toMatchObject({ layout: "metric", value: "99%" });
  });

  it("refuses conflicting aliases and half a gradient", () => {
    expect(issuesOf({ title: "x", accent: "000", accentColor: "fff" })[0]?.path).toBe("accentColor");
    expect(issuesOf({ title: "x", gradientStart: "000" })[0]?.path).toBe("gradientEnd");
  });

  it("refuses unknown keys, suggesting the nearest parameter", () => {
    expect(issuesOf("titel=x")).toContainEqual({
      path: "titel",
      message: "unknown parameter 'titel'; did you mean title?",
    });
    expect(issuesOf("title=x&utm_source=y")).toEqual([
      { path: "utm_source", message: "unknown parameter 'utm_source'" },
    ]);
  });

  it("refuses repeated keys, in a query or as an array", () => {
    expect(issuesOf("title=a&title=b")).toEqual([
      { path: "title", message: "title is given more than once; give it once" },
    ]);
    expect(issuesOf({ title: ["a", "b"] })[0]?.path).toBe("title");
  });

  it("refuses control characters, NUL and lone surrogates", () => {
    expect(issuesOf("title=a%00b")[0]?.message).toBe("title must not contain control characters");
    expect(issuesOf({ title: "a\u0007b" })[0]?.path).toBe("title");
    expect(issuesOf({ title: "a\ud800b" })[0]?.message).toBe(
      "title must be valid Unicode text (it has a lone surrogate)",
    );
  });

  it("refuses broken percent-encoding and invalid UTF-8 by the key it is in", () => {
    expect(issuesOf("title=%E0%A4%A")).toEqual([{ path: "title", message: "title has broken percent-encoding" }]);
    expect(issuesOf("title=%FF%FE")[0]?.path).toBe("title");
    expect(issuesOf("title=%zz")[0]?.path).toBe("title");
  });

  it("refuses a query over the byte limit with URL_TOO_LONG", () => {
    const long = `title=x&subtitle=${"a".repeat(MAX_QUERY_BYTES)}`;
    expect(codeOf(long)).toBe("URL_TOO_LONG");
    expect(codeOf(new URLSearchParams(long))).toBe("URL_TOO_LONG");
    expect(new OgError("URL_TOO_LONG", "x").status).toBe(414);
  });

  it("refuses a JSON body that is not an object of params", () => {
    expect(codeOf("{not json")).toBe("INVALID_BODY");
    expect(codeOf('{"title": 1}')).toBe("INVALID_PARAMS");
    expect(codeOf(["title"] as unknown as Record<string, unknown>)).toBe("INVALID_BODY");
  });

  it("treats null and undefined in an object as absent", () => {
    expect(parseOgParams({ title: "x", subtitle: null, caption: undefined })).toEqual(parseOgParams("title=x"));
  });

  it("regression: template=constructor is a custom template name, not Object.prototype.constructor", () => {
    for (const name of ["constructor", "to-string", "has-own-property"]) {
      expect(parseOgParams({ title: "x", template: name })).toMatchObject({ theme: "dark", template: name });
    }
  });

  it("regression: a lone surrogate in html is an OgError on html, not a URIError from ogUrl", () => {
    expect(issuesOf({ title: "x", html: "<div>\ud800</div>" })).toEqual([
      { path: "html", message: "html must be valid Unicode text (it has a lone surrogate)" },
    ]);
  });

  it("regression: empty optional text is absent, so subtitle= and no subtitle are one URL", () => {
    expect(parseOgParams("title=x&subtitle=&caption=%20")).toEqual(parseOgParams("title=x"));
    expect(parseOgParams({ title: "x", brand: "" })).not.toHaveProperty("brand");
  });
});
