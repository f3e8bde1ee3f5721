import { BlockList, isIP } from "node:net";
import { OgError } from "@ogkit/sdk";
import { html as parseHtml } from "satori-html";
import type { OgElement } from "./types.js";

const MAX_DEPTH = 64;
const MAX_NODES = 5000;
/** Largest image an injected fetcher may hand back. */
export const MAX_IMAGE_BYTES = 4 * 1024 * 1024;
/** The image types a remote image may have. */
export const REMOTE_IMAGE_TYPE = /^image\/(png|jpeg|gif|webp|avif)$/;

/** Fetches one allowlisted image for an html template; the engine itself never fetches. */
export type ImageFetcher = (url: URL) => Promise<{ contentType: string; body: Uint8Array }>;

export interface HtmlOptions {
  width: number;
  height: number;
  /** Exact host names html templates may load images from. */
  imageAllowlist?: readonly string[];
  /** Loads allowlisted images; without it, every remote image is refused. */
  fetchImage?: ImageFetcher;
}

function refuse(message: string): OgError {
  return new OgError("INVALID_PARAMS", message, { issues: [{ path: "html", message }] });
}

// Loopback, private, link-local, carrier-grade NAT, metadata, multicast and reserved ranges.
// Two lists: node's BlockList matches IPv4 addresses against IPv4-mapped IPv6 subnets too.
const blockedV4 = new BlockList();
const blockedV6 = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 3],
] as const) {
  blockedV4.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 127], // unspecified and loopback
  ["64:ff9b::", 96], // NAT64: the same
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const) {
  blockedV6.addSubnet(net, prefix, "ipv6");
}

/**
 * Hosts that are never fetched, even when allowlisted: loopback, private, link-local (cloud
 * metadata) and reserved addresses, localhost and internal names, and single-label names.
 */
export function isPrivateHost(host: string): boolean {
  const name = host
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "");
  const family = isIP(name);
  if (family === 4) return blockedV4.check(name, "ipv4");
  // IPv4-mapped IPv6 (::ffff:7f00:1) may hide any private IPv4 address: refused outright.
  if (family === 6) return name.startsWith("::ffff:") || blockedV6.check(name, "ipv6");
  if (/^[\d.]+$/.test(name) || /^0x/i.test(name)) return true; // other IPv4 spellings
  return (
    !name.includes(".") ||
    name.endsWith(".localhost") ||
    name.endsWith(".local") ||
    name.endsWith(".internal") ||
    name.endsWith(".home.arpa")
  );
}

/**
 * resvg draws opacity, masks, clip paths, filters and blend modes into layers of their own, and
 * aborts the whole process when such a layer lies entirely outside twice its canvas. filter-bounds.ts
 * keeps satori's own layers inside, but an SVG image (inline <svg>, or a data: SVG) is a separate
 * document resvg renders on its own canvas, which it does not walk: in html, such layers inside SVG
 * images are refused. (Custom templates are trusted code and not checked.)
 */
const SVG_LAYER_REFUSED =
  "opacity, masks, clip paths, filters and blend modes inside SVG images are not allowed in html: " +
  "resvg aborts when such a layer lies far outside the image (use CSS on the HTML elements instead)";
// <filter> itself is refused before these checks, with its own message (SVG_FILTER_REFUSED).
const SVG_LAYER_ELEMENTS = new Set(["mask", "clippath"]);
const SVG_LAYER_PROPS = new Set([
  "opacity",
  "mask",
  "clip-path",
  "clippath",
  "filter",
  "mix-blend-mode",
  "mixblendmode",
  "isolation",
]);
/** The same in an SVG document's text: a layer element, or a layer attribute or style property. */
const SVG_LAYER_TEXT =
  /<(?:[\w-]+:)?(?:mask|clipPath)[\s/>]|[\s"';{](?:opacity|mask|clip-path|filter|mix-blend-mode|isolation)\s*[=:]/i;

const SVG_FILTER_REFUSED =
  "SVG <filter> elements are not allowed in html: resvg sizes their regions without bound " +
  "(use CSS filter functions such as blur() and drop-shadow())";

const CSS_URL = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"]*?))\s*\)/gi;
const REFERENCE_ATTRIBUTES = new Set(["src", "href", "xlink:href", "srcset", "poster", "background", "data"]);
const REFUSED_ELEMENTS = new Set(["script", "iframe", "object", "embed", "link", "video", "audio", "base", "meta"]);

/** Every image reference a string attribute or CSS value makes. */
function referencesIn(name: string, value: string): string[] {
  const found: string[] = [];
  if (name === "srcset") {
    for (const candidate of value.split(",")) found.push(candidate.trim().split(/\s+/)[0] ?? "");
  } else if (REFERENCE_ATTRIBUTES.has(name)) {
    found.push(value);
  }
  for (const match of value.matchAll(CSS_URL)) found.push(match[1] ?? match[2] ?? match[3] ?? "");
  return found.map((reference) => reference.trim()).filter((reference) => reference !== "");
}

/** Every image reference an element's own props (not its children) make. */
function propsReferences(type: string, props: Record<string, unknown> | undefined): string[] {
  const found: string[] = [];
  for (const [key, value] of Object.entries(props ?? {})) {
    if (key === "children") continue;
    const name = key.toLowerCase();
    // A link's href is where it points, not something drawn.
    if (type === "a" && name === "href") continue;
    if (typeof value === "string") found.push(...referencesIn(name, value));
    else if (name === "style" && value && typeof value === "object") {
      for (const declaration of Object.values(value)) {
        if (typeof declaration === "string") found.push(...referencesIn("", declaration));
      }
    }
  }
  return found;
}

/** The text of a data: URI, for looking inside embedded SVG. */
function dataText(uri: string): string | undefined {
  const comma = uri.indexOf(",");
  if (comma < 0) return undefined;
  const meta = uri.slice(5, comma);
  const payload = uri.slice(comma + 1);
  try {
    return /;base64$/i.test(meta) ? Buffer.from(payload, "base64").toString("utf8") : decodeURIComponent(payload);
  } catch {
    return undefined;
  }
}

const SVG_REFERENCE = /(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')|url\(\s*['"]?([^'")]*)/gi;

interface Visit {
  allowlist: readonly string[];
  /** An html template's markup, not a custom template's tree: SVG filters are refused. */
  html: boolean;
  /** Remote URLs that are allowed, to be fetched by the injected fetcher. */
  remote: Set<string>;
  nodes: number;
}

/** Checks one reference: data: images (whose SVG refers to nothing outside), or allowlisted public https. */
function checkReference(reference: string, visit: Visit, nested = 0): void {
  if (reference.startsWith("#")) return; // a fragment: an element of the same SVG
  if (/^data:/i.test(reference)) {
    if (!/^data:image\//i.test(reference)) throw refuse(`data URI '${reference.slice(0, 40)}…' is not an image`);
    if (/^data:image\/svg\+xml/i.test(reference)) {
      // resvg loads what an embedded SVG refers to (including local files): it may refer to nothing.
      const text = dataText(reference);
      if (text === undefined) throw refuse("an embedded SVG image could not be decoded");
      if (visit.html && /<(?:[\w-]+:)?filter[\s/>]/i.test(text)) throw refuse(SVG_FILTER_REFUSED);
      if (visit.html && SVG_LAYER_TEXT.test(text)) throw refuse(SVG_LAYER_REFUSED);
      for (const match of text.matchAll(SVG_REFERENCE)) {
        const inner = (match[1] ?? match[2] ?? match[3] ?? "").trim();
        if (inner === "" || inner.startsWith("#")) continue;
        if (nested > 2 || !/^data:image\//i.test(inner)) {
          throw refuse(`an embedded SVG image refers to '${inner.slice(0, 80)}'; only data: URIs are allowed`);
        }
        checkReference(inner, visit, nested + 1);
      }
    }
    return;
  }
  let url: URL;
  try {
    url = new URL(reference);
  } catch {
    throw refuse(
      `image source '${reference.slice(0, 80)}' is not allowed: use a data: URI or an allowlisted https URL`,
    );
  }
  checkRemoteUrl(url, visit.allowlist, reference);
  visit.remote.add(url.href);
}

/**
 * A remote image URL may be fetched only over http(s), from an allowlisted host that is not private
 * by name or address, without credentials. Checked for every reference and again for every redirect.
 */
export function checkRemoteUrl(url: URL, allowlist: readonly string[], shown: string = url.href): void {
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw refuse(`image source '${shown.slice(0, 80)}' is not allowed: use a data: URI or an allowlisted https URL`);
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  const listed = allowlist.some((entry) => entry.toLowerCase().replace(/\.$/, "") === host);
  if (!listed || isPrivateHost(host) || url.username || url.password) {
    throw refuse(`remote image ${shown.slice(0, 120)} is not allowed; add its host to imageAllowlist`);
  }
}

/**
 * Bounds of CSS effects. resvg allocates a pixel buffer for every filter region, and satori makes a
 * shadow's region grow with its blur squared plus its offsets and spread, in the element's
 * transformed space: one `box-shadow: 0 0 5000px red` asks for 600 TB and aborts the whole process
 * (not only its render thread), and a 200px blur takes seconds. These bounds stop those early, with
 * a message about the CSS; what they cannot see (a huge element, font size or translate under an
 * allowed shadow: a 20000px-tall element under a 50px shadow and scale(2) took 4 GB) is bounded in
 * device pixels on satori's SVG before resvg runs, in filter-bounds.ts.
 */
export const MAX_BLUR_PX = 50;
/** Largest shadow offset or spread, in px. */
export const MAX_EFFECT_PX = 600;
/** Largest scale factor of a transform (scale, matrix); skew is bounded to the same stretch. */
export const MAX_SCALE = 2;

const COLOR_FUNCTION = /(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\([^()]*\)/gi;
const HEX_COLOR = /#[0-9a-f]{3,8}\b/gi;
const LENGTH = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)([a-z%]*)$/i;

/** Splits at top-level commas (not inside parentheses). */
function splitTopLevel(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    if (char === "(") depth++;
    else if (char === ")") depth = Math.max(0, depth - 1);
    else if (char === "," && depth === 0) {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts;
}

/** The lengths of a shadow (x, y, blur, spread), in px: other units could be scaled past any bound. */
function shadowLengths(property: string, shadow: string): number[] {
  const lengths: number[] = [];
  for (const token of shadow.replace(COLOR_FUNCTION, " ").replace(HEX_COLOR, " ").trim().split(/\s+/)) {
    const match = LENGTH.exec(token);
    if (!match) continue;
    const value = Number(match[1]);
    const unit = (match[2] ?? "").toLowerCase();
    if (unit !== "px" && !(unit === "" && value === 0)) {
      throw refuse(`${property} lengths in html must be in px (got '${token.slice(0, 20)}')`);
    }
    lengths.push(value);
  }
  return lengths;
}

function checkShadow(property: string, shadow: string): void {
  const [x = 0, y = 0, blur = 0, spread = 0] = shadowLengths(property, shadow);
  if (!Number.isFinite(blur) || blur > MAX_BLUR_PX) {
    throw refuse(`${property} blur must be at most ${MAX_BLUR_PX}px in html (got ${blur}px)`);
  }
  for (const length of [x, y, spread]) {
    if (!Number.isFinite(length) || Math.abs(length) > MAX_EFFECT_PX) {
      throw refuse(`${property} offsets and spread must be within ${MAX_EFFECT_PX}px in html (got ${length}px)`);
    }
  }
}

function angleDegrees(token: string): number {
  const match = LENGTH.exec(token.trim());
  if (!match) return Number.NaN;
  const value = Number(match[1]);
  const unit = (match[2] ?? "").toLowerCase();
  const perUnit: Record<string, number> = { deg: 1, "": 1, rad: 180 / Math.PI, grad: 0.9, turn: 360 };
  return unit in perUnit ? value * (perUnit[unit] as number) : Number.NaN;
}

/** Transforms scale every filter region drawn inside them: scale and skew are bounded. */
function checkTransform(value: string): void {
  const maxSkew = (Math.atan(MAX_SCALE) * 180) / Math.PI;
  for (const [, name = "", args = ""] of value.matchAll(/([a-z0-9]+)\(([^()]*)\)/gi)) {
    const fn = name.toLowerCase();
    const values = args.split(/[\s,]+/).filter(Boolean);
    const factors =
      fn === "matrix" ? values.slice(0, 4) : fn.startsWith("scale") ? values : fn === "matrix3d" ? values : [];
    for (const factor of factors) {
      const number = Number.parseFloat(factor);
      if (!Number.isFinite(number) || Math.abs(number) > MAX_SCALE) {
        throw refuse(`transform ${fn}() factors must be within ${MAX_SCALE} in html (got '${factor.slice(0, 20)}')`);
      }
    }
    if (fn.startsWith("skew")) {
      for (const angle of values) {
        const degrees = ((angleDegrees(angle) % 180) + 180) % 180;
        if (!Number.isFinite(degrees) || Math.min(degrees, 180 - degrees) > maxSkew) {
          throw refuse(`transform ${fn}() angles must be within ${Math.floor(maxSkew)}deg in html`);
        }
      }
    }
  }
}

/** Bounds what an element's style asks of the rasterizer: shadows, blur filters and transforms. */
function checkEffects(style: Record<string, unknown>): void {
  for (const [property, raw] of Object.entries(style)) {
    if (typeof raw !== "string") continue;
    const name = property.toLowerCase().replace(/-/g, "");
    if (name === "boxshadow" || name === "textshadow") {
      const shown = name === "boxshadow" ? "box-shadow" : "text-shadow";
      for (const shadow of splitTopLevel(raw)) checkShadow(shown, shadow);
    } else if (name === "filter" || name === "backdropfilter") {
      const text = raw.replace(COLOR_FUNCTION, " ");
      for (const [, fn = "", args = ""] of text.matchAll(/([a-z-]+)\(([^()]*)\)/gi)) {
        if (fn.toLowerCase() === "blur") checkShadow("filter blur()", `0 0 ${args.trim() || "0"}`);
        else if (fn.toLowerCase() === "drop-shadow") checkShadow("filter drop-shadow()", args);
      }
    } else if (name === "transform") {
      checkTransform(raw);
    }
  }
}

/** Walks the tree: bounds depth and size, refuses active elements, checks every reference. */
/** Whether an element inside an SVG image asks resvg for a layer (see SVG_LAYER_REFUSED). */
function makesSvgLayer(name: string, props: Record<string, unknown> | undefined): boolean {
  if (SVG_LAYER_ELEMENTS.has(name)) return true;
  const keys = Object.keys(props ?? {});
  const style = props?.style && typeof props.style === "object" ? Object.keys(props.style) : [];
  return [...keys, ...style].some((key) => SVG_LAYER_PROPS.has(key.toLowerCase()));
}

function check(node: unknown, visit: Visit, depth: number, parentType?: string, inSvg = false): void {
  if (node === null || node === undefined || typeof node === "boolean" || typeof node === "number") return;
  if (typeof node === "string") {
    // Stylesheet text is CSS: its url()s load images too.
    if (parentType === "style") {
      if (node.includes("\\")) throw refuse("CSS escapes are not allowed in html stylesheets");
      for (const reference of referencesIn("", node)) checkReference(reference, visit);
    }
    return;
  }
  if (Array.isArray(node)) {
    for (const child of node) check(child, visit, depth, parentType, inSvg);
    return;
  }
  if (typeof node !== "object") return;
  if (depth > MAX_DEPTH) throw refuse(`html is nested more than ${MAX_DEPTH} levels deep`);
  if (++visit.nodes > MAX_NODES) throw refuse(`html has more than ${MAX_NODES} elements`);
  const { type, props } = node as { type?: unknown; props?: Record<string, unknown> };
  const name = typeof type === "string" ? type.toLowerCase() : "";
  if (REFUSED_ELEMENTS.has(name)) throw refuse(`<${name}> is not allowed in html`);
  if (name === "filter") throw refuse(SVG_FILTER_REFUSED);
  const svg = inSvg || name === "svg";
  if (svg && visit.html && makesSvgLayer(name, props)) throw refuse(SVG_LAYER_REFUSED);
  if (props?.style && typeof props.style === "object") checkEffects(props.style as Record<string, unknown>);
  for (const reference of propsReferences(name, props)) checkReference(reference, visit);
  check(props?.children, visit, depth + 1, name, svg);
}

/** Replaces fetched remote URLs with their data URIs, wherever the tree refers to them. */
function embed(node: unknown, images: Map<string, string>): unknown {
  const swap = (value: string) => {
    const direct = images.get(tryHref(value.trim()));
    if (direct) return direct;
    return value.replace(CSS_URL, (whole, a, b, c) => {
      const uri = images.get(tryHref(String(a ?? b ?? c ?? "").trim()));
      return uri ? `url("${uri}")` : whole;
    });
  };
  if (typeof node === "string" || node === null || typeof node !== "object") return node;
  if (Array.isArray(node)) return node.map((child) => embed(child, images));
  const { props, ...rest } = node as { props?: Record<string, unknown> };
  const next: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props ?? {})) {
    if (key === "children") next[key] = embed(value, images);
    else if (typeof value === "string") next[key] = swap(value);
    else if (key === "style" && value && typeof value === "object") {
      next[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === "string" ? swap(v) : v]));
    } else next[key] = value;
  }
  return { ...rest, props: next };
}

function tryHref(value: string): string {
  try {
    return new URL(value).href;
  } catch {
    return value;
  }
}

const VOID_ELEMENTS = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);

/** Nesting depth of markup, counted before parsing so a pathological document never reaches the parser. */
function markupDepth(markup: string): number {
  let depth = 0;
  let deepest = 0;
  for (const match of markup.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
    if (match[1]) depth = Math.max(0, depth - 1);
    else if (!match[3] && !VOID_ELEMENTS.has((match[2] as string).toLowerCase())) deepest = Math.max(deepest, ++depth);
  }
  return deepest;
}

/**
 * A custom HTML template as a satori tree of exactly width x height. Nothing is fetched here or
 * later: images must be data: URIs, or sit on an allowlisted public host and be loaded by the
 * injected `fetchImage` (which then owns timeouts, size limits and DNS checks); without one they
 * are refused.
 */
export async function htmlElement(markup: string, options: HtmlOptions): Promise<OgElement> {
  if (markupDepth(markup) > MAX_DEPTH) throw refuse(`html is nested more than ${MAX_DEPTH} levels deep`);
  let tree = parseHtml(markup) as unknown as OgElement;
  const visit: Visit = { allowlist: options.imageAllowlist ?? [], html: true, remote: new Set(), nodes: 0 };
  check(tree, visit, 0);
  if (visit.remote.size > 0) {
    const { fetchImage } = options;
    if (!fetchImage) {
      const [first] = visit.remote;
      throw refuse(`remote image ${first} is allowlisted, but this server fetches no images; embed it as a data: URI`);
    }
    const images = new Map<string, string>();
    for (const href of visit.remote) {
      const image = await fetchImage(new URL(href)).catch((cause: unknown) => {
        // The fetcher's own refusals say why; any other failure (DNS, connection) stays generic, so
        // error messages cannot map the network behind an allowlisted host.
        const reason = cause instanceof OgError ? `: ${cause.message}` : "";
        const message = `remote image ${href} could not be loaded${reason}`;
        throw new OgError("INVALID_PARAMS", message, { cause, issues: [{ path: "html", message }] });
      });
      const type = image.contentType.split(";")[0]?.trim().toLowerCase() ?? "";
      if (!REMOTE_IMAGE_TYPE.test(type)) {
        throw refuse(`remote image ${href} is ${type || "of no type"}, not a png, jpeg, gif, webp or avif image`);
      }
      if (image.body.byteLength > MAX_IMAGE_BYTES) throw refuse(`remote image ${href} is larger than 4 MB`);
      images.set(href, `data:${type};base64,${Buffer.from(image.body).toString("base64")}`);
    }
    tree = embed(tree, images) as OgElement;
  }
  return {
    type: "div",
    props: {
      style: {
        display: "flex",
        width: options.width,
        height: options.height,
        fontFamily: "Inter",
        backgroundColor: "#ffffff",
      },
      children: tree,
    },
  };
}

/**
 * Refuses a tree that would make satori or resvg load anything: every image reference must be a
 * data: URI by the time a tree is rasterized (a last check, which also covers custom templates).
 */
export function assertSelfContained(element: OgElement): void {
  const visit: Visit = { allowlist: [], html: false, remote: new Set(), nodes: 0 };
  try {
    checkSelfContained(element, visit, 0);
  } catch (error) {
    if (error instanceof OgError) {
      throw new OgError("RENDER_FAILED", `The card refers to an image that is not embedded: ${error.message}`, {
        cause: error,
      });
    }
    throw error;
  }
}

function checkSelfContained(node: unknown, visit: Visit, depth: number, parentType?: string): void {
  if (typeof node === "string" && parentType === "style") {
    for (const reference of referencesIn("", node)) checkReference(reference, visit);
    return;
  }
  if (node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const child of node) checkSelfContained(child, visit, depth, parentType);
    return;
  }
  const { type, props } = node as { type?: unknown; props?: Record<string, unknown> };
  const name = typeof type === "string" ? type.toLowerCase() : "";
  for (const reference of propsReferences(name, props)) checkReference(reference, visit);
  // satori applies the stylesheet of a <style> given as dangerouslySetInnerHTML too.
  const inner = (props?.dangerouslySetInnerHTML as { __html?: unknown } | undefined)?.__html;
  if (typeof inner === "string") checkSelfContained(inner, visit, depth + 1, name);
  checkSelfContained(props?.children, visit, depth + 1, name);
}
