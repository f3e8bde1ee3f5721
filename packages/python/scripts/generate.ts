/**
 * Generates the Python client's view of the SDK, so no parameter is declared twice:
 *
 * - src/ogkit/_schema.py: every parameter (wire name, Python name, kind, enum, limits, default,
 *   alias, description and the SDK's exact error messages), the canonical key order, size presets,
 *   built-in templates, error statuses and the other constants ogUrl depends on. Read from
 *   ogJsonSchema() and the SDK's exports; a field's kind and messages are found by asking the
 *   field's own zod schema (what it does with "#ABC", " a ", a wrong type...).
 * - tests/sdk_cases.json: more URLs and every kind of validation error, as the SDK's ogUrl builds
 *   or reports them, for the Python tests to reproduce byte for byte.
 *
 * --check exits 1 when either checked-in file differs from what this would write.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  builtinTemplates,
  canonicalKeys,
  errorStatus,
  HTML_MAX_BYTES,
  isInputOnly,
  type JsonSchemaProperty,
  MAX_QUERY_BYTES,
  OG_PATH,
  OgError,
  type OgParamName,
  type OgParams,
  ogJsonSchema,
  ogParamsShape,
  ogUrl,
  paramDefault,
  SIGNATURE_KEYS,
  sizePresets,
} from "@ogkit/sdk";
import type * as z from "zod";

const schemaTarget = fileURLToPath(new URL("../src/ogkit/_schema.py", import.meta.url));
const casesTarget = fileURLToPath(new URL("../tests/sdk_cases.json", import.meta.url));
const GENERATED_BY = "packages/python/scripts/generate.ts";
const REGENERATE = "npm run generate -w @ogkit/python";

// ---------------------------------------------------------------------------------------------
// Each field's kind and messages, learned from its zod schema.

type Kind = "text" | "enum" | "integer" | "hex" | "hexPair" | "name" | "raw";

function issuesOf(name: OgParamName, value: unknown): string[] {
  const result = (ogParamsShape[name] as z.ZodType).safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

function outputOf(name: OgParamName, value: unknown): unknown {
  const result = (ogParamsShape[name] as z.ZodType).safeParse(value);
  return result.success ? result.data : undefined;
}

/** The one message a probe must produce; anything else means the schema changed shape. */
function messageOf(name: OgParamName, value: unknown, what: string): string {
  const issues = issuesOf(name, value);
  if (issues.length !== 1) {
    throw new Error(`${name}: expected one issue for ${what}, got ${JSON.stringify(issues)}`);
  }
  return issues[0] as string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function kindOf(name: OgParamName, property: JsonSchemaProperty): Kind {
  if (property.enum) return "enum";
  if (property.type === "integer") return "integer";
  if (property.type !== "string") throw new Error(`${name}: type ${property.type} is new to the Python client`);
  if (same(outputOf(name, "#ABC"), "aabbcc")) return "hex";
  if (same(outputOf(name, "#ABC,#DEF"), ["aabbcc", "ddeeff"])) return "hexPair";
  if (property.pattern) {
    if (outputOf(name, "a") !== "a") throw new Error(`${name}: a patterned string that transforms is new`);
    return "name";
  }
  if (same(outputOf(name, "  a  "), "a")) return "text";
  if (same(outputOf(name, "  a  "), "  a  ")) return "raw";
  throw new Error(`${name}: a string field the Python client does not know how to check`);
}

/** "title must be at most 200 characters (got 201)" -> "... (got {got})", verified on another length. */
function tooLongTemplate(name: OgParamName, max: number): string {
  const message = messageOf(name, "a".repeat(max + 1), "too long");
  const template = message.replace(String(max + 1), "{got}");
  if (
    !template.includes("{got}") ||
    messageOf(name, "a".repeat(max + 2), "too long") !== template.replace("{got}", String(max + 2))
  ) {
    throw new Error(`${name}: the too-long message is not a template over the length: ${message}`);
  }
  return template;
}

function messagesOf(name: OgParamName, kind: Kind, property: JsonSchemaProperty, required: boolean) {
  const messages: Record<string, string> = { type: messageOf(name, true, "a wrong type") };
  if (required) messages.required = messageOf(name, undefined, "a missing value");
  switch (kind) {
    case "enum":
      messages.invalid = messageOf(name, "\u0000", "a value outside the enum");
      break;
    case "integer": {
      const { minimum, maximum } = property as Required<Pick<JsonSchemaProperty, "minimum" | "maximum">>;
      messages.fraction = messageOf(name, minimum + 0.5, "a fraction");
      messages.tooSmall = messageOf(name, minimum - 1, "too small");
      messages.tooBig = messageOf(name, maximum + 1, "too big");
      const unsafe = issuesOf(name, 2 ** 53);
      if (unsafe.length !== 2 || unsafe[1] !== messages.tooBig) {
        throw new Error(`${name}: unexpected issues for an unsafe integer: ${JSON.stringify(unsafe)}`);
      }
      messages.unsafe = unsafe[0] as string;
      break;
    }
    case "hex":
    case "hexPair":
      messages.pattern = messageOf(name, "!", "a malformed color");
      break;
    case "name":
      messages.pattern = messageOf(name, "!", "a malformed name");
      if (property.maxLength !== undefined) {
        messages.tooLong = messageOf(name, "a".repeat(property.maxLength + 1), "too long");
      }
      break;
    case "text":
      messages.control = messageOf(name, "a\u0000b", "a control character");
      messages.surrogate = messageOf(name, "a\ud800b", "a lone surrogate");
      if (property.minLength) messages.empty = messageOf(name, " ", "an empty value");
      if (property.maxLength === undefined) throw new Error(`${name}: text without maxLength`);
      messages.tooLong = tooLongTemplate(name, property.maxLength);
      break;
    case "raw":
      // The one byte-limited field is html; a new raw field with another limit must fail here.
      if (issuesOf(name, "é".repeat(HTML_MAX_BYTES / 2)).length > 0)
        throw new Error(`${name}: not ${HTML_MAX_BYTES} bytes`);
      messages.tooManyBytes = messageOf(name, "a".repeat(HTML_MAX_BYTES + 1), "too many bytes");
      break;
  }
  return messages;
}

/** titleColor -> title_color. */
function pythonName(name: string): string {
  const snake = name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  if (!/^[a-z][a-z0-9_]*$/.test(snake)) throw new Error(`${name}: no Python name for it`);
  return snake;
}

function paramsOf() {
  const schema = ogJsonSchema();
  const names = Object.keys(ogParamsShape) as OgParamName[];
  if (!same(Object.keys(schema.properties), names)) {
    throw new Error("ogJsonSchema() and ogParamsShape list different parameters");
  }
  const params: Record<string, unknown> = {};
  const pythonNames = new Set<string>();
  for (const name of names) {
    const property = schema.properties[name] as JsonSchemaProperty;
    const required = schema.required.includes(name);
    const kind = kindOf(name, property);
    const python = pythonName(name);
    if (pythonNames.has(python)) throw new Error(`two parameters are ${python} in Python`);
    pythonNames.add(python);
    const aliasOf = property["x-aliasOf"];
    if (aliasOf !== undefined && !(typeof aliasOf === "string" && aliasOf in ogParamsShape)) {
      throw new Error(`${name}: alias of an unknown parameter ${String(aliasOf)}`);
    }
    const limits = {
      minLength: property.minLength,
      maxLength: property.maxLength,
      maxBytes: kind === "raw" ? HTML_MAX_BYTES : undefined,
      minimum: property.minimum,
      maximum: property.maximum,
    };
    params[name] = {
      name,
      pythonName: python,
      kind,
      required,
      inputOnly: isInputOnly(name),
      aliasOf: aliasOf ?? null,
      default: paramDefault(name) ?? null,
      enum: property.enum ?? null,
      pattern: property.pattern ?? null,
      ...Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined)),
      messages: messagesOf(name, kind, property, required),
      description: property.description ?? "",
    };
  }
  return params;
}

/** Every character String.prototype.trim removes: JS and Python disagree on what whitespace is. */
function jsTrimCharacters(): string {
  let chars = "";
  for (let code = 0; code <= 0xffff; code++) {
    const char = String.fromCharCode(code);
    if (char.trim() === "") chars += char;
  }
  return chars;
}

// ---------------------------------------------------------------------------------------------
// A Python literal writer: JSON-like values as Python source, ASCII only, stable formatting.

function pyString(value: string): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0) as number;
    if (char === "\\" || char === '"') out += `\\${char}`;
    else if (code >= 0x20 && code < 0x7f) out += char;
    else if (code < 0x100) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += `\\U${code.toString(16).padStart(8, "0")}`;
  }
  return `${out}"`;
}

function py(value: unknown, indent = 0): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new Error(`no Python literal for ${value}`);
    return String(value);
  }
  if (typeof value === "string") return pyString(value);
  const pad = " ".repeat(indent + 4);
  if (Array.isArray(value)) {
    const items = value.map((item) => py(item, indent + 4));
    const inline = items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
    if (inline.length + indent <= 100 && !inline.includes("\n")) return inline;
    return `(\n${items.map((item) => `${pad}${item},\n`).join("")}${" ".repeat(indent)})`;
  }
  const entries = Object.entries(value as Record<string, unknown>).map(
    ([key, item]) => `${pyString(key)}: ${py(item, indent + 4)}`,
  );
  const inline = `{${entries.join(", ")}}`;
  if (inline.length + indent <= 100 && !inline.includes("\n")) return inline;
  return `{\n${entries.map((entry) => `${pad}${entry},\n`).join("")}${" ".repeat(indent)}}`;
}

export function schemaModule(): string {
  const constants: [string, unknown, string][] = [
    ["OG_PATH", OG_PATH, "The image route of every ogkit server."],
    ["MAX_QUERY_BYTES", MAX_QUERY_BYTES, "Servers refuse longer queries (URL_TOO_LONG)."],
    ["SIGNATURE_KEYS", [...SIGNATURE_KEYS], "Reserved query keys of signed URLs, never parameters."],
    ["CANONICAL_KEYS", [...canonicalKeys], "The keys of a canonical query, in order."],
    ["SIZE_PRESETS", sizePresets, "size -> width and height; an explicit width or height wins."],
    ["BUILTIN_TEMPLATES", builtinTemplates, "Built-in template -> the theme it selects."],
    ["ERROR_STATUS", errorStatus, "OgError code -> HTTP status."],
    ["JS_TRIM_CHARACTERS", jsTrimCharacters(), "What JavaScript's String.prototype.trim strips."],
    ["PARAMS", paramsOf(), "Every parameter, in the schema's order, keyed by wire name."],
  ];
  return [
    `# Generated by ${GENERATED_BY} from @ogkit/sdk; do not edit.`,
    `# After changing the SDK's schema, run: ${REGENERATE}`,
    '"""The SDK\'s parameter schema and constants, as plain data."""',
    "",
    ...constants.flatMap(([name, value, comment]) => ["", `#: ${comment}`, `${name} = ${py(value)}`]),
    "",
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------
// Cases for the Python tests: what the SDK's ogUrl builds or reports for each.

const NOW = 1_767_225_600_000; // 2026-01-01T00:00:00Z, in milliseconds as ogUrl takes it

interface Case {
  name: string;
  params: Record<string, unknown>;
  options?: { secret?: string; expiresIn?: number; baseUrl?: string };
}

const long = (n: number, char = "a") => char.repeat(n);

const cases: Case[] = [
  // Valid: every parameter and normalization.
  {
    name: "every canonical parameter",
    params: {
      title: "All",
      subtitle: "Sub",
      caption: "Cap",
      brand: "Acme",
      theme: "bold",
      pattern: "circuit",
      icon: "file-text",
      layout: "metric",
      value: "$1.2M",
      label: "ARR",
      accent: "ABC",
      titleColor: "#112233",
      subtitleColor: "445566",
      bgColor: "#FfF",
      bgGradient: "#000 , FFF",
      width: 2400,
      height: 100,
      format: "jpeg",
      template: "my-card",
      html: "<div>\n\t&amp;</div>",
    },
  },
  {
    name: "html is neither trimmed nor checked for control characters",
    params: { title: "t", html: "  <p>\u0001</p>  " },
  },
  { name: "empty optional text is absent", params: { title: "t", subtitle: "", caption: "   " } },
  { name: "numeric strings are numbers", params: { title: "t", width: "0800", height: "600" } },
  { name: "integral floats are integers", params: { title: "t", width: 800.0 } },
  {
    name: "limits are inclusive",
    params: {
      title: long(200),
      subtitle: long(300),
      caption: long(100),
      brand: long(50),
      value: long(24),
      label: long(80),
      width: 200,
      height: 1260,
    },
  },
  { name: "lengths count code points", params: { title: long(200, "🚀"), icon: "a" } },
  { name: "JavaScript whitespace is trimmed", params: { title: "\ufeff\u00a0\u2028 t \u3000\u205f\t\n" } },
  { name: "a built-in template maps to a theme", params: { title: "t", template: "minimal" } },
  { name: "the default template maps to the default theme", params: { title: "t", template: "default" } },
  { name: "an explicit theme wins over the template", params: { title: "t", template: "gradient", theme: "light" } },
  { name: "a custom template is kept", params: { title: "t", template: "custom-one" } },
  { name: "size presets", params: { title: "t", size: "twitter" } },
  { name: "size preset and width", params: { title: "t", size: "linkedin", width: 1000 } },
  { name: "the og preset is the default size", params: { title: "t", size: "og" } },
  { name: "accentColor is accent", params: { title: "t", accentColor: "F60" } },
  { name: "accentColor and accent agreeing", params: { title: "t", accentColor: "#ff6600", accent: "F60" } },
  {
    name: "gradient aliases agreeing with bgGradient",
    params: { title: "t", gradientStart: "fff", gradientEnd: "000", bgGradient: "FFFFFF, #000" },
  },
  { name: "signing keys are ignored", params: { title: "t", exp: "1", sig: "x" } },
  { name: "null values are absent", params: { title: "t", subtitle: null, width: null } },
  { name: "reserved characters", params: { title: "!'()*-._~ \"#$&+,/:;<=>?@[\\]^`{|}%" } },
  {
    name: "signed with a base URL and path",
    params: { title: "t" },
    options: { secret: "k", baseUrl: "https://cdn.example.com/og//" },
  },
  { name: "fractional expiresIn rounds up", params: { title: "t" }, options: { secret: "k", expiresIn: 0.5 } },
  { name: "expiresIn of zero", params: { title: "t" }, options: { secret: "k", expiresIn: 0 } },
  { name: "an empty secret does not sign", params: { title: "t" }, options: { secret: "" } },
  { name: "a lone surrogate in a secret signs as U+FFFD", params: { title: "t" }, options: { secret: "s\ud800" } },
  // Invalid: every message of every field.
  { name: "title missing", params: { subtitle: "s" } },
  { name: "title empty after trimming", params: { title: " \t " } },
  { name: "title too long", params: { title: long(201) } },
  { name: "title too long in code points", params: { title: long(201, "é") } },
  {
    name: "control characters",
    params: {
      title: "a\u0000",
      subtitle: "\u001f",
      caption: "\u007f",
      brand: "\u009f",
      value: "\u0085",
      label: "a\u001cb",
    },
  },
  { name: "lone surrogates", params: { title: "a\ud800", subtitle: "\udc00b" } },
  {
    name: "wrong types",
    params: {
      title: 1,
      subtitle: true,
      theme: 2,
      icon: 3,
      accent: 4,
      bgGradient: 5,
      width: "wide",
      format: false,
      template: 6,
      html: 7,
    },
  },
  {
    name: "every text too long",
    params: { title: "t", subtitle: long(301), caption: long(101), brand: long(51), value: long(25), label: long(81) },
  },
  {
    name: "enums",
    params: { title: "t", theme: "Dark", pattern: "stripes", layout: "grid", format: "gif", size: "huge" },
  },
  { name: "icon", params: { title: "t", icon: "Rocket" } },
  { name: "icon too long and malformed", params: { title: "t", icon: long(41, "A") } },
  { name: "icon too long", params: { title: "t", icon: long(41) } },
  { name: "template", params: { title: "t", template: "my_card" } },
  {
    name: "colors",
    params: {
      title: "t",
      accent: "#ff66",
      titleColor: "red",
      subtitleColor: "#",
      bgColor: "fff\n",
      gradientStart: "12345g",
      gradientEnd: "",
    },
  },
  { name: "bgGradient", params: { title: "t", bgGradient: "fff,000,111" } },
  { name: "dimensions too small", params: { title: "t", width: 199, height: 99 } },
  { name: "dimensions too big", params: { title: "t", width: 2401, height: "1261" } },
  { name: "fractional width", params: { title: "t", width: 800.5, height: 0.5 } },
  { name: "unsafe integer width", params: { title: "t", width: 1e21 } },
  { name: "numeric strings must be plain digits", params: { title: "t", width: " 800", height: "1234567" } },
  { name: "html too many bytes", params: { title: "t", html: long(25_601, "é") } },
  { name: "metric layout needs a value", params: { title: "t", layout: "metric" } },
  {
    name: "combination rules run with continuable issues",
    params: { title: "", layout: "metric", accent: "zzz", accentColor: "fff" },
  },
  { name: "combination rules stop at a wrong type", params: { title: "t", layout: "metric", width: "x" } },
  { name: "combination rules stop at a bad enum", params: { title: "t", layout: "metric", theme: "x" } },
  { name: "combination rules stop at a fraction", params: { title: "t", layout: "metric", width: 1.5 } },
  { name: "accentColor and accent disagree", params: { title: "t", accentColor: "fff", accent: "000" } },
  { name: "gradientStart alone", params: { title: "t", gradientStart: "fff" } },
  { name: "gradientEnd alone", params: { title: "t", gradientEnd: "fff" } },
  {
    name: "gradient aliases disagree with bgGradient",
    params: { title: "t", gradientStart: "fff", gradientEnd: "000", bgGradient: "000,fff" },
  },
  {
    name: "gradient aliases and a malformed bgGradient",
    params: { title: "t", gradientStart: "fff", gradientEnd: "000", bgGradient: "zz" },
  },
  { name: "unknown parameters", params: { title: "t", subtitel: "s", Theme: "dark", colour: "f", [long(45, "x")]: 1 } },
  { name: "repeated parameter", params: { title: "t", subtitle: ["a", "b"], theme: ["x", "y"] } },
  { name: "a one-item list is one value", params: { title: ["t"] } },
  { name: "expiresIn without a secret", params: { title: "t" }, options: { expiresIn: 60 } },
  { name: "expiry before 1970", params: { title: "t" }, options: { secret: "k", expiresIn: -NOW } },
  {
    name: "URL too long",
    params: {
      title: long(200, "🚀"),
      subtitle: long(300, "🚀"),
      caption: long(100, "🚀"),
      label: long(80, "🚀"),
      html: long(2000, "<"),
    },
  },
];

export function sdkCases() {
  return {
    description: `Generated by ${GENERATED_BY}: what @ogkit/sdk's ogUrl builds or reports for each case.`,
    now: NOW,
    cases: cases.map(({ name, params, options }) => {
      const base = { name, params, ...(options ? { options } : {}) };
      try {
        return { ...base, url: ogUrl(params as OgParams, { ...options, now: NOW }) };
      } catch (error) {
        if (!(error instanceof OgError)) throw error;
        return { ...base, error: { code: error.code, message: error.message, issues: error.issues } };
      }
    }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outputs: [string, string][] = [
    [schemaTarget, schemaModule()],
    [casesTarget, `${JSON.stringify(sdkCases(), null, 2)}\n`],
  ];
  if (process.argv.includes("--check")) {
    const stale = outputs.filter(([path, text]) => {
      try {
        return readFileSync(path, "utf8") !== text;
      } catch {
        return true;
      }
    });
    for (const [path] of stale) console.error(`${path} is stale: run ${REGENERATE}`);
    if (stale.length > 0) process.exit(1);
  } else {
    for (const [path, text] of outputs) writeFileSync(path, text);
  }
}
