import { OgError } from "@ogkit/sdk";
import { html as parseHtml } from "satori-html";
import type { OgElement } from "./types.js";

const MAX_DEPTH = 64;
const MAX_NODES = 5000;

function refuse(message: string): OgError {
  return new OgError("INVALID_PARAMS", message, { issues: [{ path: "html", message }] });
}

/** Loopback, private, link-local and metadata addresses are never fetched, even when listed. */
export function isPrivateHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, "");
  if (name === "localhost" || name.endsWith(".localhost") || name.endsWith(".internal")) return true;
  if (name === "::1" || name === "::" || name.startsWith("fe80:") || name.startsWith("fc") || name.startsWith("fd"))
    return true;
  if (name.startsWith("::ffff:")) return true;
  const v4 = name.match(/^(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  if (!v4) return /^\d+$/.test(name) || /^0x/i.test(name); // decimal or hex IPv4 spellings
  const [a, b] = [Number(v4[1]), Number(v4[2])];
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b <= 127) ||
    a >= 224
  );
}

function checkSource(source: string, allowlist: readonly string[]): void {
  const value = source.trim();
  if (/^data:image\//i.test(value)) return;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw refuse(`image source '${value.slice(0, 80)}' is not allowed: use a data: URI or an allowlisted https URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw refuse(
      `image source '${value.slice(0, 80)}' is not allowed: only data: URIs and allowlisted https URLs load`,
    );
  }
  if (isPrivateHost(url.hostname) || !allowlist.includes(url.hostname)) {
    throw refuse(`remote image ${value.slice(0, 120)} is not allowed; add its host to imageAllowlist`);
  }
}

const CSS_URL = /url\(\s*(['"]?)(.*?)\1\s*\)/gi;

/** Walks the tree: bounds depth and size, and lets no image load that is not data: or allowlisted. */
function check(node: unknown, allowlist: readonly string[], depth: number, count: { nodes: number }): void {
  if (node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const child of node) check(child, allowlist, depth, count);
    return;
  }
  if (depth > MAX_DEPTH) throw refuse(`html is nested more than ${MAX_DEPTH} levels deep`);
  if (++count.nodes > MAX_NODES) throw refuse(`html has more than ${MAX_NODES} elements`);
  const { type, props } = node as { type?: unknown; props?: Record<string, unknown> };
  if (typeof type === "string" && ["script", "iframe", "object", "embed", "link", "video", "audio"].includes(type)) {
    throw refuse(`<${type}> is not allowed in html`);
  }
  if (props) {
    if (typeof props.src === "string") checkSource(props.src, allowlist);
    const style = props.style as Record<string, unknown> | undefined;
    for (const value of Object.values(style ?? {})) {
      if (typeof value !== "string") continue;
      for (const match of value.matchAll(CSS_URL)) checkSource(match[2] ?? "", allowlist);
    }
    check(props.children, allowlist, depth + 1, count);
  }
}

/** A custom HTML template as a satori tree of exactly width x height. It fetches nothing itself. */
export function htmlElement(markup: string, width: number, height: number, allowlist: readonly string[]): OgElement {
  // Count nesting before parsing: a pathological document should not reach the parser's recursion.
  let depth = 0;
  let deepest = 0;
  for (const match of markup.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
    if (match[1]) depth--;
    else if (!match[3]) deepest = Math.max(deepest, ++depth);
  }
  if (deepest > MAX_DEPTH) throw refuse(`html is nested more than ${MAX_DEPTH} levels deep`);
  const tree = parseHtml(markup) as unknown as OgElement;
  check(tree, allowlist, 0, { nodes: 0 });
  return {
    type: "div",
    props: {
      style: { display: "flex", width, height, overflow: "hidden", fontFamily: "Inter", backgroundColor: "#ffffff" },
      children: tree,
    },
  };
}
