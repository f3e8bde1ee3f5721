import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { ImageFormat } from "@ogkit/sdk";
import { emojiDataUri } from "./emoji.js";
import { fonts, glyphOf } from "./fonts.js";
import type { OgElement } from "./types.js";

/**
 * takumi (@takumi-rs/core), the opt-in engine: a Rust renderer that lays out and rasterizes ogkit's
 * own element trees in one native call. Optional peer dependencies: only a server configured with
 * `engine: "takumi"` loads them, and it refuses to start without them.
 */

type TakumiCore = typeof import("@takumi-rs/core");
type TakumiJsx = typeof import("@takumi-rs/helpers/jsx");
type TakumiNode = import("@takumi-rs/helpers").Node;
type TakumiRenderer = InstanceType<TakumiCore["Renderer"]>;

const PACKAGES = ["@takumi-rs/core", "@takumi-rs/helpers"] as const;
export const TAKUMI_INSTALL = `npm install ${PACKAGES.join(" ")}`;

const require = createRequire(import.meta.url);

/** The version of an installed package whose exports hide its package.json. */
function installedVersion(name: string, resolvePackage: (name: string) => string): string {
  let dir = dirname(resolvePackage(name));
  for (;;) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (manifest.name === name && manifest.version) return manifest.version;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the package.json of ${name}`);
    dir = parent;
  }
}

/**
 * The installed takumi's version (core and helpers), or an error that says how to install them.
 * Part of the takumi engine's version, so that upgrading takumi changes every ETag and batch hash.
 */
export function takumiVersion(resolvePackage: (name: string) => string = require.resolve): string {
  try {
    return [...new Set(PACKAGES.map((name) => installedVersion(name, resolvePackage)))].join("/");
  } catch (error) {
    throw new Error(`The takumi engine needs ${PACKAGES.join(" and ")}, which are not installed: ${TAKUMI_INSTALL}`, {
      cause: error,
    });
  }
}

interface Takumi {
  renderer: TakumiRenderer;
  fromJsx: TakumiJsx["fromJsx"];
}

let loaded: Promise<Takumi> | undefined;

/** takumi, loaded once per thread, with the Inter faces satori draws with registered. */
export function loadTakumi(): Promise<Takumi> {
  loaded ??= (async () => {
    takumiVersion();
    const [core, jsx] = await Promise.all([import("@takumi-rs/core"), import("@takumi-rs/helpers/jsx")]);
    const renderer = new core.Renderer();
    for (const font of fonts().satori) {
      await renderer.registerFont({ name: font.name, data: font.data, weight: font.weight, style: font.style });
    }
    return { renderer, fromJsx: jsx.fromJsx };
  })();
  loaded.catch(() => {
    loaded = undefined;
  });
  return loaded;
}

// Graphemes drawn as emoji whatever the fonts have: emoji presentation, a variation selector, a
// ZWJ sequence, a flag, a keycap or a skin tone.
const ALWAYS_EMOJI = /\p{Emoji_Presentation}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u20e3|\ufe0f|\u200d/u;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/**
 * Whether satori would draw a grapheme as an emoji: it asks for one only where no font has the
 * glyph, so text-style pictographs Inter has (© ™) stay text. Only those parse the other faces.
 */
function drawnAsEmoji(grapheme: string): boolean {
  if (ALWAYS_EMOJI.test(grapheme)) return true;
  if (!PICTOGRAPH.test(grapheme)) return false;
  return glyphOf(String.fromCodePoint(grapheme.codePointAt(0) as number), fonts().metrics[400]) === undefined;
}

/**
 * Satori draws an emoji it gets from `loadAdditionalAsset` as a 1em square image in the line; takumi
 * draws text only from fonts, and Inter has no emoji. So each text run with emoji becomes a run of
 * inline text and inline 1em images of the same bundled twemoji files.
 */
export function withEmojiImages(node: TakumiNode): TakumiNode {
  if (node.type === "container") {
    if (!node.children) return node;
    return { ...node, children: node.children.map(withEmojiImages) };
  }
  if (node.type !== "text" || (!PICTOGRAPH.test(node.text) && !ALWAYS_EMOJI.test(node.text))) return node;
  const children: TakumiNode[] = [];
  let run = "";
  for (const { segment } of graphemes.segment(node.text)) {
    const uri = drawnAsEmoji(segment) ? emojiDataUri(segment) : "";
    if (uri === "") {
      run += segment;
      continue;
    }
    if (run !== "") children.push({ type: "text", text: run, style: { display: "inline" } });
    run = "";
    children.push({ type: "image", src: uri, style: EMOJI_STYLE });
  }
  if (children.length === 0) return node;
  if (run !== "") children.push({ type: "text", text: run, style: { display: "inline" } });
  const { text: _text, type: _type, ...rest } = node;
  return { ...rest, type: "container", children };
}

const EMOJI_STYLE = { display: "inline-block", width: "1em", height: "1em", verticalAlign: "-0.1em" } as const;

/** takumi's output format for ogkit's; SVG is satori's alone. */
const FORMATS = { png: "png", jpeg: "jpeg", webp: "webp" } as const;

/** Lays out and rasterizes an element tree with takumi. */
export async function renderWithTakumi(
  element: OgElement,
  options: { width: number; height: number; format: Exclude<ImageFormat, "svg"> },
): Promise<Uint8Array> {
  const takumi = await loadTakumi();
  const { node, css } = await takumi.fromJsx(element as never);
  return takumi.renderer.render(withEmojiImages(node), {
    width: options.width,
    height: options.height,
    format: FORMATS[options.format],
    // The same quality as the satori engine's sharp encoders (encode.ts).
    ...(options.format === "png" ? {} : { quality: 86 }),
    css,
  });
}
