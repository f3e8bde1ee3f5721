import { BlockList, isIP } from "node:net";
import { OgError } from "@ogkit/sdk";
import { html as parseHtml } from "satori-html";
import type { OgElement } from "./types.js";

const MAX_DEPTH = 64;
const MAX_NODES = 5000;
/** Largest image an injected fetcher may hand back. */
const MAX_IMAGE_BYTES = 4 * 1024 * 1024;

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
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw refuse(
      `image source '${reference.slice(0, 80)}' is not allowed: use a data: URI or an allowlisted https URL`,
    );
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  const listed = visit.allowlist.some((entry) => entry.toLowerCase().replace(/\.$/, "") === host);
  if (!listed || isPrivateHost(host) || url.username || url.password) {
    throw refuse(`remote image ${reference.slice(0, 120)} is not allowed; add its host to imageAllowlist`);
  }
  visit.remote.add(url.href);
}

/** Walks the tree: bounds depth and size, refuses active elements, checks every reference. */
function check(node: unknown, visit: Visit, depth: number, parentType?: string): void {
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
    for (const child of node) check(child, visit, depth, parentType);
    return;
  }
  if (typeof node !== "object") return;
  if (depth > MAX_DEPTH) throw refuse(`html is nested more than ${MAX_DEPTH} levels deep`);
  if (++visit.nodes > MAX_NODES) throw refuse(`html has more than ${MAX_NODES} elements`);
  const { type, props } = node as { type?: unknown; props?: Record<string, unknown> };
  const name = typeof type === "string" ? type.toLowerCase() : "";
  if (REFUSED_ELEMENTS.has(name)) throw refuse(`<${name}> is not allowed in html`);
  for (const reference of propsReferences(name, props)) checkReference(reference, visit);
  check(props?.children, visit, depth + 1, name);
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
  const visit: Visit = { allowlist: options.imageAllowlist ?? [], remote: new Set(), nodes: 0 };
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
        throw new OgError("INVALID_PARAMS", `remote image ${href} could not be loaded`, {
          cause,
          issues: [{ path: "html", message: `remote image ${href} could not be loaded` }],
        });
      });
      const type = image.contentType.split(";")[0]?.trim().toLowerCase() ?? "";
      if (!/^image\/(png|jpeg|gif|webp|avif)$/.test(type)) {
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
  const visit: Visit = { allowlist: [], remote: new Set(), nodes: 0 };
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
