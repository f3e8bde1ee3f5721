import { readdirSync, readFileSync } from "node:fs";
import { OgError } from "@ogkit/sdk";
import { closest, distance } from "fastest-levenshtein";
import { LRUCache } from "lru-cache";
import { join, packageDir } from "./assets.js";

let dir: string | undefined;
let names: string[] | undefined;
let known: Set<string> | undefined;
const sources = new Map<string, string>();
// Data URIs by icon and color: a popular icon in a brand color is encoded once.
const uris = new LRUCache<string, string>({ max: 512 });

function iconDir(): string {
  dir ??= join(packageDir("lucide-static"), "icons");
  return dir;
}

/** Every Lucide icon name the server can draw, sorted. */
export function listIcons(): string[] {
  names ??= readdirSync(iconDir())
    .filter((file) => file.endsWith(".svg"))
    .map((file) => file.slice(0, -4))
    .sort();
  return names;
}

export function hasIcon(name: string): boolean {
  known ??= new Set(listIcons());
  return known.has(name);
}

/** The nearest icon names, for "did you mean". */
export function suggestIcons(name: string, count = 5): string[] {
  const query = name.toLowerCase();
  const prefixed = listIcons().filter((icon) => icon.startsWith(query) || query.startsWith(icon));
  const ranked = listIcons()
    .map((icon) => ({ icon, d: distance(query, icon) }))
    .sort((a, b) => a.d - b.d || a.icon.localeCompare(b.icon))
    .map(({ icon }) => icon);
  const best = closest(query, listIcons());
  return [...new Set([best, ...prefixed.slice(0, 2), ...ranked])].slice(0, count);
}

function unknownIcon(name: string): OgError {
  const message = `unknown icon '${name}'; did you mean ${suggestIcons(name).join(", ")}?`;
  return new OgError("INVALID_PARAMS", message, { issues: [{ path: "icon", message }] });
}

/** A Lucide icon as an SVG data URI stroked in `color` (6 hex digits, no '#'). */
export function iconDataUri(name: string, color: string): string {
  // The set lookup is the path check: only names listed from the icon folder are read.
  if (!hasIcon(name)) throw unknownIcon(name);
  const key = `${name}|${color}`;
  const cached = uris.get(key);
  if (cached !== undefined) return cached;
  let source = sources.get(name);
  if (source === undefined) {
    source = readFileSync(join(iconDir(), `${name}.svg`), "utf8").replace(/<!--[\s\S]*?-->/g, "");
    sources.set(name, source);
  }
  const svg = source.replaceAll("currentColor", `#${color}`);
  const uri = `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
  uris.set(key, uri);
  return uri;
}
