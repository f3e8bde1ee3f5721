import * as z from "zod";
import type { LucideIconName } from "./generated/lucide-icon-names.js";

/**
 * The single source of every ogkit parameter. Each field declares its wire name (the key), type,
 * default, limits and description here and nowhere else: the URL builder, request parser, JSON
 * Schema, OpenAPI document, docs tables, playground form, CLI flags and other-language clients are
 * all derived from this file.
 */

export const themes = ["dark", "light", "gradient", "cyberpunk", "minimal", "bold"] as const;
export const patterns = ["none", "dots", "grid", "diagonal", "waves", "circuit"] as const;
export const layouts = ["standard", "metric"] as const;
export const formats = ["png", "jpeg", "webp", "svg"] as const;

/** Size presets: `size` sets width and height; an explicit width or height overrides that side. */
export const sizePresets = {
  og: { width: 1200, height: 630 },
  twitter: { width: 1200, height: 600 },
  square: { width: 1080, height: 1080 },
  linkedin: { width: 1200, height: 627 },
} as const;

/**
 * The second seed API's templates, mapped onto a theme (all use the standard layout). Any other
 * template name selects a custom template registered on the server.
 */
export const builtinTemplates = {
  default: "dark",
  minimal: "minimal",
  gradient: "gradient",
} as const satisfies Record<string, Theme>;

export type Theme = (typeof themes)[number];
export type Pattern = (typeof patterns)[number];
export type Layout = (typeof layouts)[number];
export type ImageFormat = (typeof formats)[number];
export type SizePreset = keyof typeof sizePresets;
export type BuiltinTemplate = keyof typeof builtinTemplates;

export const DEFAULT_THEME: Theme = "dark";
export const DEFAULT_WIDTH = sizePresets.og.width;
export const DEFAULT_HEIGHT = sizePresets.og.height;
export const WIDTH_LIMITS = { min: 200, max: 2400 } as const;
export const HEIGHT_LIMITS = { min: 100, max: 1260 } as const;
/** Limit of the `html` template, in UTF-8 bytes. */
export const HTML_MAX_BYTES = 50 * 1024;

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const HEX = /^#?(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
// C0/C1 control characters, including NUL; text fields are single-line.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Length in Unicode code points, as users (and Python's len) count characters. */
export function textLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

function checkText(name: string, min: number, max: number) {
  return (value: string, ctx: z.RefinementCtx) => {
    if (LONE_SURROGATE.test(value)) {
      ctx.addIssue({ code: "custom", message: `${name} must be valid Unicode text (it has a lone surrogate)` });
      return;
    }
    if (CONTROL.test(value)) {
      ctx.addIssue({ code: "custom", message: `${name} must not contain control characters` });
      return;
    }
    const length = textLength(value);
    if (length < min) {
      ctx.addIssue({ code: "custom", message: `${name} is required and must not be empty` });
    } else if (length > max) {
      ctx.addIssue({ code: "custom", message: `${name} must be at most ${max} characters (got ${length})` });
    }
  };
}

/** The message for a missing or wrongly typed value. */
function typeError(name: string, what: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined ? `${name} is required` : `${name} must be ${what}`;
}

/** Single-line text, trimmed, limited in code points. */
function text(name: string, max: number, description: string, min = 0) {
  return z
    .string({ error: typeError(name, "text") })
    .trim()
    .superRefine(checkText(name, min, max))
    .meta({ description, minLength: min || undefined, maxLength: max });
}

function normalizeHex(value: string): string {
  const hex = value.replace(/^#/, "").toLowerCase();
  return hex.length === 3 ? hex.replace(/./g, (c) => c + c) : hex;
}

function hexColor(name: string, description: string) {
  return z
    .string({ error: typeError(name, "a hex color") })
    .regex(HEX, { error: `${name} must be a hex color of 3 or 6 digits, such as ff6600 or #f60` })
    .transform(normalizeHex)
    .meta({ description, examples: ["ff6600"] });
}

const HEX_PAIR = /^#?(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}) *, *#?(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

function hexPair(name: string, description: string) {
  return z
    .string({ error: typeError(name, "two hex colors") })
    .regex(HEX_PAIR, { error: `${name} must be two hex colors separated by a comma, such as ff6600,1a1a2e` })
    .transform((value) => value.split(",").map((part) => normalizeHex(part.trim())) as [string, string])
    .meta({ description, examples: ["ff6600,1a1a2e"] });
}

function enumOf<const T extends readonly [string, ...string[]]>(name: string, values: T, description: string) {
  return z.enum(values, { error: `${name} must be one of ${values.join(", ")}` }).meta({ description });
}

function dimension(name: string, limits: { min: number; max: number }, fallback: number, description: string) {
  return z
    .number({ error: `${name} must be a whole number of pixels` })
    .int({ error: `${name} must be a whole number of pixels` })
    .min(limits.min, { error: `${name} must be at least ${limits.min}` })
    .max(limits.max, { error: `${name} must be at most ${limits.max}` })
    .optional()
    .meta({ description, default: fallback });
}

/** Every parameter, in canonical order: the order keys take in a canonical query. */
export const ogParamsShape = {
  title: text("title", 200, "The headline of the card.", 1),
  subtitle: text("subtitle", 300, "Secondary text below the title.").optional(),
  caption: text("caption", 100, "A small tagline beneath the subtitle.").optional(),
  brand: text("brand", 50, "Site or brand name, shown in the bottom bar.").optional(),
  theme: enumOf("theme", themes, "Color palette of the card; a built-in template picks one when theme is not given.")
    .optional()
    .meta({ default: DEFAULT_THEME }),
  pattern: enumOf("pattern", patterns, "Background pattern drawn over the theme.").default("none"),
  icon: z
    .string({ error: "icon must be a Lucide icon name" })
    .max(40, { error: "icon must be at most 40 characters" })
    .regex(KEBAB, { error: "icon must be a kebab-case Lucide icon name, such as rocket or file-text" })
    .optional()
    .meta({ description: "A Lucide icon name (https://lucide.dev/icons), drawn in the accent color.", maxLength: 40 }),
  layout: enumOf("layout", layouts, "standard, or metric for a KPI card with a large value.").default("standard"),
  value: text("value", 24, "The metric layout's big figure, such as 99.9% or $1.2M.").optional(),
  label: text("label", 80, "The caption under the metric layout's value.").optional(),
  accent: hexColor("accent", "Accent color of icons and highlights; overrides the theme.").optional(),
  titleColor: hexColor("titleColor", "Title color; overrides the theme.").optional(),
  subtitleColor: hexColor("subtitleColor", "Subtitle color; overrides the theme.").optional(),
  bgColor: hexColor("bgColor", "Solid background color; overrides the theme.").optional(),
  bgGradient: hexPair("bgGradient", "Two-color background gradient, from,to; overrides the theme.").optional(),
  width: dimension("width", WIDTH_LIMITS, DEFAULT_WIDTH, "Image width in pixels; overrides the size preset."),
  height: dimension("height", HEIGHT_LIMITS, DEFAULT_HEIGHT, "Image height in pixels; overrides the size preset."),
  format: enumOf("format", formats, "Image format.").default("png"),
  template: z
    .string({ error: "template must be a template name" })
    .max(40, { error: "template must be at most 40 characters" })
    .regex(KEBAB, { error: "template must be a kebab-case template name" })
    .optional()
    .meta({
      description:
        "default, minimal or gradient (the hosted POST API's templates, mapped onto a theme), or the name of a custom template registered on the server.",
      examples: Object.keys(builtinTemplates),
    }),
  html: z
    .string({ error: "html must be text" })
    .refine((value) => !LONE_SURROGATE.test(value), {
      error: "html must be valid Unicode text (it has a lone surrogate)",
    })
    .refine((value) => new TextEncoder().encode(value).length <= HTML_MAX_BYTES, {
      error: `html must be at most ${HTML_MAX_BYTES} bytes`,
    })
    .optional()
    .meta({
      description: `A custom HTML template (at most ${HTML_MAX_BYTES} bytes of UTF-8) rendered at the requested size instead of a layout. It loads no remote images.`,
      contentMediaType: "text/html",
    }),
  // Input-only aliases and presets: resolved into the fields above, never part of a canonical URL.
  size: enumOf(
    "size",
    Object.keys(sizePresets) as [SizePreset, ...SizePreset[]],
    "Size preset: og 1200x630, twitter 1200x600, square 1080x1080, linkedin 1200x627. An explicit width or height overrides that side.",
  )
    .optional()
    .meta({ inputOnly: true }),
  accentColor: hexColor("accentColor", "Alias of accent (the hosted POST API's name).")
    .optional()
    .meta({ inputOnly: true, aliasOf: "accent" }),
  gradientStart: hexColor("gradientStart", "First color of bgGradient.")
    .optional()
    .meta({ inputOnly: true, aliasOf: "bgGradient" }),
  gradientEnd: hexColor("gradientEnd", "Second color of bgGradient.")
    .optional()
    .meta({ inputOnly: true, aliasOf: "bgGradient" }),
};

export type OgParamName = keyof typeof ogParamsShape;

/** The reserved query keys of signed URLs; they are never parameters. */
export const SIGNATURE_KEYS = ["exp", "sig"] as const;

type RawParams = z.output<z.ZodObject<typeof ogParamsShape>>;

function checkCombinations(params: RawParams, ctx: z.RefinementCtx): void {
  if (params.layout === "metric" && params.value === undefined) {
    ctx.addIssue({ code: "custom", path: ["value"], message: "value is required when layout is metric" });
  }
  if (params.accentColor && params.accent && params.accentColor !== params.accent) {
    ctx.addIssue({ code: "custom", path: ["accentColor"], message: "accentColor and accent disagree; give one" });
  }
  if ((params.gradientStart === undefined) !== (params.gradientEnd === undefined)) {
    const missing = params.gradientStart === undefined ? "gradientStart" : "gradientEnd";
    ctx.addIssue({ code: "custom", path: [missing], message: "gradientStart and gradientEnd go together" });
  }
  if (params.gradientStart && params.gradientEnd && params.bgGradient) {
    const [from, to] = params.bgGradient;
    if (from !== params.gradientStart || to !== params.gradientEnd) {
      ctx.addIssue({
        code: "custom",
        path: ["gradientStart"],
        message: "gradientStart/gradientEnd disagree with bgGradient; give one",
      });
    }
  }
}

function resolve(params: RawParams) {
  const { size, accentColor, gradientStart, gradientEnd, template, ...rest } = params;
  const preset = sizePresets[size ?? "og"];
  // Own keys only: "constructor" or "toString" must not resolve to Object.prototype members.
  const builtin =
    template !== undefined && Object.hasOwn(builtinTemplates, template)
      ? builtinTemplates[template as BuiltinTemplate]
      : undefined;
  const resolved = {
    ...rest,
    theme: rest.theme ?? builtin ?? DEFAULT_THEME,
    accent: rest.accent ?? accentColor,
    bgGradient:
      rest.bgGradient ??
      (gradientStart && gradientEnd ? ([gradientStart, gradientEnd] as [string, string]) : undefined),
    width: rest.width ?? preset.width,
    height: rest.height ?? preset.height,
    template: builtin ? undefined : template,
  };
  // Absent optional params, and empty optional text (which renders as nothing), are left out, so
  // `subtitle=` and no subtitle are one image with one URL.
  for (const key of Object.keys(resolved) as (keyof typeof resolved)[]) {
    if (resolved[key] === undefined || resolved[key] === "") delete resolved[key];
  }
  return resolved;
}

const baseSchema = z.object(ogParamsShape);

/**
 * The schema of every ogkit parameter. Input: what a URL, a JSON body or `ogUrl` takes (aliases and
 * presets allowed). Output: the resolved parameters a renderer receives (aliases folded in, size
 * resolved to width and height, defaults applied).
 */
export const ogParamsSchema = baseSchema
  .superRefine(checkCombinations)
  .transform(resolve)
  .meta({ id: "OgParams", title: "ogkit image parameters" });

/** The parameters a caller gives: what `ogUrl` and the framework helpers take. */
export type OgParams = Omit<z.input<typeof baseSchema>, "icon"> & {
  /** A Lucide icon name. */
  icon?: LucideIconName | undefined;
};

/** The resolved parameters a renderer receives. */
export type ResolvedOgParams = z.output<typeof ogParamsSchema>;
