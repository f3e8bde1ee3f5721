import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalKeys, canonicalQuery } from "./canonical.js";
import { OgError } from "./errors.js";
import { parseOgParams } from "./parse.js";
import {
  formats,
  layouts,
  type OgParams,
  ogParamsSchema,
  ogParamsShape,
  patterns,
  sizePresets,
  textLength,
  themes,
} from "./schema.js";
import { verifySignedQuery } from "./sign.js";
import { createOgUrl, OG_PATH, ogUrl } from "./url.js";

const queryOf = (url: string) => url.slice(url.indexOf("?") + 1);

// Text that the schema accepts: no controls, not blank, within the limit in code points.
// biome-ignore lint/suspicious/noControlCharactersInRegex: filtering control characters out
const usable = (s: string) => !/[\u0000-\u001f\u007f-\u009f]/.test(s) && s.trim().length > 0;
const textArb = (max: number) =>
  fc.string({ unit: "binary", minLength: 1, maxLength: max }).filter((s) => usable(s) && textLength(s.trim()) <= max);
const hexArb = fc.stringMatching(/^[0-9a-f]{6}$/);
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const validParams: fc.Arbitrary<OgParams> = fc
  .record({
    title: textArb(200),
    subtitle: optional(textArb(300)),
    caption: optional(textArb(100)),
    brand: optional(textArb(50)),
    theme: optional(fc.constantFrom(...themes)),
    pattern: optional(fc.constantFrom(...patterns)),
    icon: optional(fc.constantFrom("rocket", "code", "file-text", "a-arrow-down")),
    layout: optional(fc.constantFrom(...layouts)),
    value: optional(textArb(24)),
    label: optional(textArb(80)),
    accent: optional(hexArb),
    titleColor: optional(hexArb),
    subtitleColor: optional(hexArb),
    bgColor: optional(hexArb),
    bgGradient: optional(fc.tuple(hexArb, hexArb).map(([a, b]) => `${a},${b}`)),
    width: optional(fc.integer({ min: 200, max: 2400 })),
    height: optional(fc.integer({ min: 100, max: 1260 })),
    format: optional(fc.constantFrom(...formats)),
    size: optional(fc.constantFrom(...(Object.keys(sizePresets) as (keyof typeof sizePresets)[]))),
  })
  .map((params) => {
    const clean = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as OgParams;
    if (clean.layout === "metric" && clean.value === undefined) clean.value = "42";
    return clean;
  });

describe("ogUrl", () => {
  it("builds a relative canonical URL by default", () => {
    expect(ogUrl({ title: "How to Build a REST API", theme: "dark", pattern: "dots", icon: "code" })).toBe(
      `${OG_PATH}?title=How%20to%20Build%20a%20REST%20API&pattern=dots&icon=code`,
    );
  });

  it("prefixes a base URL with or without a trailing slash or path", () => {
    expect(ogUrl({ title: "x" }, { baseUrl: "https://og.example.com/" })).toBe(
      "https://og.example.com/api/v1/og?title=x",
    );
    expect(ogUrl({ title: "x" }, { baseUrl: "https://example.com/images" })).toBe(
      "https://example.com/images/api/v1/og?title=x",
    );
  });

  it("writes keys in schema order with defaults omitted, whatever the input order", () => {
    const url = ogUrl({ format: "webp", theme: "light", title: "T", width: 1200, pattern: "none", accent: "#ABC" });
    expect(queryOf(url)).toBe("title=T&theme=light&accent=aabbcc&format=webp");
    const order = queryOf(ogUrl({ height: 700, title: "T", subtitle: "S", icon: "rocket" }))
      .split("&")
      .map((part) => part.split("=")[0]);
    expect(order).toEqual(["title", "subtitle", "icon", "height"]);
    expect(canonicalKeys).not.toContain("size");
    expect(canonicalKeys).not.toContain("accentColor");
  });

  it("percent-encodes UTF-8, leaving only RFC 3986 unreserved characters, space as %20", () => {
    expect(queryOf(ogUrl({ title: "a&b=c d/é 🚀 +'()*!~-._" }))).toBe(
      "title=a%26b%3Dc%20d%2F%C3%A9%20%F0%9F%9A%80%20%2B%27%28%29%2A%21~-._",
    );
  });

  it("regression: a signed URL with an apostrophe survives URL parsing (browsers encode ' as %27)", () => {
    const url = ogUrl({ title: "It's O'Neil's" }, { secret: "k", baseUrl: "https://og.example.com" });
    const reparsed = new URL(url);
    expect(reparsed.href).toBe(url);
    expect(verifySignedQuery(reparsed.search, ["k"])).toBe("title=It%27s%20O%27Neil%27s");
  });

  it("throws an OgError naming every bad field rather than build a URL the server refuses", () => {
    expect(() => ogUrl({ title: "" })).toThrow(OgError);
    try {
      ogUrl({ title: "", theme: "nope" as "dark", width: 5 });
    } catch (error) {
      expect((error as OgError).issues.map((issue) => issue.path).sort()).toEqual(["theme", "title", "width"]);
    }
  });

  it("refuses to build a URL over the server's length limit", () => {
    expect(() => ogUrl({ title: "x", html: `<div>${"é".repeat(3000)}</div>` })).toThrow(/bytes/);
  });

  it("signs when given a secret, with an optional expiry inside the signed part", () => {
    const url = ogUrl({ title: "x" }, { secret: "k", expiresIn: 60, now: 1_700_000_000_000 });
    expect(url).toMatch(/^\/api\/v1\/og\?title=x&exp=1700000060&sig=[A-Za-z0-9_-]{43}$/);
    expect(verifySignedQuery(queryOf(url), ["k"], { now: 1_700_000_000_000 })).toBe("title=x");
    expect(() => ogUrl({ title: "x" }, { expiresIn: 60 })).toThrow(/secret/);
  });
});

describe("createOgUrl", () => {
  it("binds a base URL, secret and default params; each call's params win", () => {
    const og = createOgUrl({ baseUrl: "https://og.example.com", defaults: { brand: "Acme", theme: "light" } });
    expect(og({ title: "Pricing" })).toBe("https://og.example.com/api/v1/og?title=Pricing&brand=Acme&theme=light");
    expect(og({ title: "Pricing", theme: "bold" })).toContain("theme=bold");
    const signed = createOgUrl({ secret: "s" });
    expect(verifySignedQuery(queryOf(signed({ title: "x" })), ["s"])).toBe("title=x");
  });
});

describe("properties", () => {
  it("parsing ogUrl(x)'s query gives the schema's resolved x", () => {
    fc.assert(
      fc.property(validParams, (params) => {
        expect(parseOgParams(queryOf(ogUrl(params)))).toEqual(ogParamsSchema.parse(params));
      }),
      { numRuns: 300 },
    );
  });

  it("equivalent inputs give the identical URL", () => {
    const spell = (hex: string) =>
      hex[0] === hex[1] && hex[2] === hex[3] && hex[4] === hex[5]
        ? `#${hex[0]}${hex[2]}${hex[4]}`
        : `#${hex.toUpperCase()}`;
    fc.assert(
      fc.property(validParams, fc.boolean(), (params, reverse) => {
        const variant: Record<string, unknown> = {};
        const entries = Object.entries(params);
        for (const [key, value] of reverse ? entries.reverse() : entries) {
          variant[key] = typeof value === "string" && /^[0-9a-f]{6}$/.test(value) ? spell(value) : value;
        }
        const resolved = ogParamsSchema.parse(params);
        // Spelling out defaults changes nothing either.
        for (const key of ["theme", "pattern", "layout", "format"] as const) variant[key] ??= resolved[key];
        if (!("size" in params)) {
          variant.width ??= resolved.width;
          variant.height ??= resolved.height;
        }
        expect(ogUrl(variant as OgParams)).toBe(ogUrl(params));
      }),
      { numRuns: 300 },
    );
  });

  it("refuses every invalid value with its field named", () => {
    const invalid = fc.oneof(
      fc.record({
        field: fc.constant("title"),
        value: fc
          .string({ minLength: 201, maxLength: 260, unit: "grapheme-ascii" })
          .filter((s) => s.trim().length > 200),
      }),
      fc.record({
        field: fc.constant("subtitle"),
        value: fc
          .string({ minLength: 301, maxLength: 320, unit: "grapheme-ascii" })
          .filter((s) => s.trim().length > 300),
      }),
      fc.record({
        field: fc.constantFrom("theme", "pattern", "layout", "format"),
        value: fc.string().filter((s) => !([...themes, ...patterns, ...layouts, ...formats] as string[]).includes(s)),
      }),
      fc.record({
        field: fc.constantFrom("accent", "titleColor", "subtitleColor", "bgColor"),
        value: fc.string().filter((s) => !/^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(s)),
      }),
      fc.record({
        field: fc.constant("width"),
        value: fc.oneof(
          fc.integer({ max: 199 }),
          fc.integer({ min: 2401 }),
          fc.double().filter((n) => !Number.isInteger(n)),
        ),
      }),
      fc.record({ field: fc.constant("height"), value: fc.oneof(fc.integer({ max: 99 }), fc.integer({ min: 1261 })) }),
      fc.record({
        field: fc.constant("icon"),
        value: fc.string().filter((s) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(s) || s.length > 40),
      }),
    );
    fc.assert(
      fc.property(invalid, ({ field, value }) => {
        try {
          parseOgParams({ title: "ok", [field]: value });
        } catch (error) {
          expect((error as OgError).issues.map((issue) => issue.path)).toContain(field);
          return;
        }
        throw new Error(`accepted ${field}=${JSON.stringify(value)}`);
      }),
      { numRuns: 400 },
    );
  });

  it("every parameter in the schema is covered by the generators above", () => {
    const covered = [
      "title",
      "subtitle",
      "caption",
      "brand",
      "theme",
      "pattern",
      "icon",
      "layout",
      "value",
      "label",
      "accent",
      "titleColor",
      "subtitleColor",
      "bgColor",
      "bgGradient",
      "width",
      "height",
      "format",
      "size",
    ];
    const elsewhere = ["template", "html", "accentColor", "gradientStart", "gradientEnd"]; // covered in parse.test.ts
    expect([...covered, ...elsewhere].sort()).toEqual(Object.keys(ogParamsShape).sort());
  });

  it("canonicalQuery of resolved params round-trips", () => {
    fc.assert(
      fc.property(validParams, (params) => {
        const resolved = ogParamsSchema.parse(params);
        expect(parseOgParams(canonicalQuery(resolved))).toEqual(resolved);
      }),
      { numRuns: 100 },
    );
  });
});
