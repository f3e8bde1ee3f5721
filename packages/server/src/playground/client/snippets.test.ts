import { imageMediaType, OG_PATH, type OgParams, ogJsonSchema, ogUrl, parseOgParams, signQuery } from "@ogkit/sdk";
import { describe, expect, it } from "vitest";
import { runPython, runSnippet } from "../../../test/browser/run-snippet.js";
import { fieldsFromSchema } from "./schema-form.js";
import { canonicalEntries, type SnippetContext, snippetsFor } from "./snippets.js";

const BASE = "https://og.example.com/mount";
const numeric = new Set(
  fieldsFromSchema(ogJsonSchema())
    .filter((field) => field.kind === "number")
    .map((field) => field.name),
);

function contextOf(params: OgParams): SnippetContext {
  const resolved = parseOgParams(params as Record<string, unknown>);
  return {
    url: ogUrl(params, { baseUrl: BASE }),
    baseUrl: BASE,
    numeric,
    width: resolved.width,
    height: resolved.height,
    mediaType: imageMediaType(resolved.format),
    alt: resolved.title,
  };
}

/** Values that break naive quoting in one language or another. */
const cases: [string, OgParams][] = [
  ["a plain title", { title: "Hello" }],
  [
    "every kind of value",
    {
      title: "Ship it",
      subtitle: "Typed, signed & cached",
      theme: "light",
      pattern: "grid",
      icon: "rocket",
      accent: "#F60",
      bgGradient: "112233, abcdef",
      width: 1000,
      height: 500,
      format: "webp",
    },
  ],
  ["quotes, apostrophes and shell metacharacters", { title: `It's "quoted" $HOME \`id\` \\ back`, subtitle: "a'b''c" }],
  ["query metacharacters", { title: "a&b=c?d#e+f%20g/h", caption: "100% ;,:@" }],
  ["non-ASCII and emoji", { title: "Café — 日本語 🚀👩‍💻", brand: "Ünïcödé" }],
  ["aliases folded into canonical params", { title: "Alias", size: "square", accentColor: "abc" }],
  ["a metric card", { title: "Uptime", layout: "metric", value: "99.9%", label: "<last 30 days>" }],
];

describe("snippets", () => {
  describe.each(cases)("with %s", (_name, params) => {
    const context = contextOf(params);
    const snippets = snippetsFor(context);

    it.each(snippets.map((snippet) => [snippet.id, snippet] as const))(
      "%s, run, produces the canonical URL",
      (id, snippet) => {
        expect(runSnippet(id, snippet.code)).toBe(context.url);
      },
    );
  });

  it("offers cURL, JavaScript, Next, Express, Python/Django and HTML, in that order", () => {
    expect(snippetsFor(contextOf({ title: "x" })).map((snippet) => snippet.id)).toEqual([
      "curl",
      "javascript",
      "next",
      "express",
      "python",
      "html",
    ]);
  });

  it("writes parameters from the canonical query: defaults left out, aliases folded, numbers as numbers", () => {
    const context = contextOf({ title: " Hi ", theme: "dark", size: "square", accentColor: "#ABC" });
    expect(canonicalEntries(context.url, numeric)).toEqual([
      ["title", "Hi"],
      ["accent", "aabbcc"],
      ["width", 1080],
      ["height", 1080],
    ]);
    const javascript = snippetsFor(context).find((snippet) => snippet.id === "javascript")!;
    expect(javascript.code).toContain(`ogUrl({ title: "Hi", accent: "aabbcc", width: 1080, height: 1080 }`);
    expect(javascript.code).not.toContain("theme");
  });

  it("the runner tells a wrong snippet from a right one", () => {
    const context = contextOf({ title: "Two words" });
    const [curl, javascript, , , python] = snippetsFor(context);
    // urlencode's default (quote_plus) writes a space as +, which is not the canonical %20.
    expect(runSnippet("python", python!.code.replace(", quote_via=quote", ""))).not.toBe(context.url);
    expect(runSnippet("javascript", javascript!.code.replace("Two words", "Two  words"))).not.toBe(context.url);
    expect(runSnippet("curl", curl!.code.replace("%20", "+"))).not.toBe(context.url);
  });

  it("the Python signing recipe signs like the SDK", () => {
    const python = snippetsFor(contextOf({ title: "x" })).find((snippet) => snippet.id === "python")!;
    const params: OgParams = { title: "It's a café & more", theme: "light" };
    const query = ogUrl(params).slice(OG_PATH.length + 1);
    const signed = runPython(
      python.code,
      `print(og_url({"title": "It's a café & more", "theme": "light"}, secret="s3cret", expires_at=2000000000), end="")`,
    );
    expect(signed).toBe(`${BASE}${OG_PATH}?${signQuery(query, "s3cret", { expiresAt: 2_000_000_000 })}`);
    const unexpiring = runPython(
      python.code,
      `print(og_url({"title": "It's a café & more", "theme": "light"}, secret="s3cret"), end="")`,
    );
    expect(unexpiring).toBe(`${BASE}${OG_PATH}?${signQuery(query, "s3cret")}`);
  });

  it("HTML meta tags carry the size, type and escaped alt text", () => {
    const html = snippetsFor(contextOf({ title: `"Tom" & <Jerry>`, format: "jpeg", width: 800 })).find(
      (snippet) => snippet.id === "html",
    )!;
    expect(html.code).toContain(`<meta property="og:image:width" content="800">`);
    expect(html.code).toContain(`<meta property="og:image:type" content="image/jpeg">`);
    expect(html.code).toContain(`<meta property="og:image:alt" content="&quot;Tom&quot; &amp; &lt;Jerry&gt;">`);
  });
});
