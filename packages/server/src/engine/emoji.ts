import { existsSync, readFileSync } from "node:fs";
import { join, packageDir } from "./assets.js";

let dir: string | undefined;
const cache = new Map<string, string>();

/**
 * Twemoji's file name for an emoji: its code points in hex joined by '-', without the FE0F
 * variation selector unless the sequence is a ZWJ sequence (which twemoji names in full).
 */
export function twemojiNames(segment: string): string[] {
  const points = [...segment].map((char) => (char.codePointAt(0) as number).toString(16));
  const withoutVs = points.filter((point) => point !== "fe0f");
  const names = segment.includes("\u200d") ? [points.join("-"), withoutVs.join("-")] : [withoutVs.join("-")];
  return [...new Set(names)];
}

/** An emoji as a data URI from the installed @twemoji/svg set; "" when the set has no such file. */
export function emojiDataUri(segment: string): string {
  const cached = cache.get(segment);
  if (cached !== undefined) return cached;
  dir ??= packageDir("@twemoji/svg");
  let uri = "";
  for (const name of twemojiNames(segment)) {
    // Names are built from hex code points only, so they cannot leave the folder.
    const file = join(dir, `${name}.svg`);
    if (existsSync(file)) {
      uri = `data:image/svg+xml;base64,${readFileSync(file).toString("base64")}`;
      break;
    }
  }
  if (cache.size < 4096) cache.set(segment, uri);
  return uri;
}
