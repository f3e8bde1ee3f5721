import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { type EngineName, renderCard } from "@ogkit/server";
import { Resvg } from "@resvg/resvg-js";
import { Renderer } from "@takumi-rs/core";
import { fromJsx } from "@takumi-rs/helpers/jsx";
import { ImageResponse } from "@vercel/og";
import satori from "satori";
// The layout step is not public API; the bench runs from source, as the engine's own tests do.
import { buildCard } from "../../packages/server/src/engine/index.js";
import type { OgElement } from "../../packages/server/src/engine/types.js";
import { type BenchCard, resolvedParams } from "./cards.js";

/** One image of a card. */
export type Render = () => Promise<Uint8Array>;

export interface Peer {
  id: "a" | "b" | "c" | "d" | "f";
  name: string;
  /** Builds the peer's input for a card (not timed) and returns the render that is timed. */
  prepare(card: BenchCard): Promise<Render>;
}

const require = createRequire(import.meta.url);

/** Inter 400 and 700 (Latin), the woff files ogkit ships through @fontsource/inter, as a user would load them. */
function interFonts() {
  const dir = join(dirname(require.resolve("@fontsource/inter/package.json")), "files");
  return ([400, 700] as const).map((weight) => {
    const file = readFileSync(join(dir, `inter-latin-${weight}-normal.woff`));
    const data = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
    return { name: "Inter", data, weight, style: "normal" as const };
  });
}

const fonts = interFonts();

/**
 * The element tree ogkit lays out for a card, written as a user would write it in JSX: an element
 * without children has no `children` prop (the satori inside @vercel/og 0.11 refuses `children: []`).
 * `withoutZIndex` drops z-index for that older satori, which ignores it with a warning per render
 * (and paints the pattern layer first either way).
 */
export async function peerElement(card: BenchCard, options: { withoutZIndex?: boolean } = {}): Promise<OgElement> {
  const { element } = await buildCard(resolvedParams(card));
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (typeof node !== "object" || node === null) return node;
    const { children, ...props } = (node as OgElement).props;
    if (options.withoutZIndex && props.style && "zIndex" in props.style) {
      const { zIndex: _ignored, ...style } = props.style;
      props.style = style;
    }
    const empty = children === undefined || (Array.isArray(children) && children.length === 0);
    return { ...(node as OgElement), props: empty ? props : { ...props, children: strip(children) } };
  };
  return strip(element) as OgElement;
}

/** (a) What a user writes first: satori, then @resvg/resvg-js with its defaults, then its own PNG encoder. */
const naive: Peer = {
  id: "a",
  name: "satori + resvg-js asPng",
  async prepare(card) {
    const element = await peerElement(card);
    const { width, height } = resolvedParams(card);
    return async () => {
      const svg = await satori(element as Parameters<typeof satori>[0], { width, height, fonts });
      return new Resvg(svg, { fitTo: { mode: "width", value: width } }).render().asPng();
    };
  },
};

/** (b) @vercel/og's ImageResponse on Node (0.11.1, the last that runs on Node 20). */
const vercel: Peer = {
  id: "b",
  name: "@vercel/og 0.11.1",
  async prepare(card) {
    const element = await peerElement(card, { withoutZIndex: true });
    const { width, height } = resolvedParams(card);
    return async () => {
      const response = new ImageResponse(element as never, { width, height, fonts });
      return new Uint8Array(await response.arrayBuffer());
    };
  },
};

let takumiRenderer: Promise<Renderer> | undefined;

/** (c) takumi (@takumi-rs/core), the Rust renderer, drawing the same tree through its JSX helper. */
const takumi: Peer = {
  id: "c",
  name: "takumi (@takumi-rs/core)",
  async prepare(card) {
    takumiRenderer ??= (async () => {
      const renderer = new Renderer();
      for (const font of fonts) await renderer.registerFont(font);
      return renderer;
    })();
    const renderer = await takumiRenderer;
    const { node, css } = await fromJsx((await peerElement(card)) as never);
    const { width, height } = resolvedParams(card);
    return async () => new Uint8Array(await renderer.render(node, { width, height, format: "png", css }));
  },
};

/** ogkit's engine in process: params in, PNG out (layout and rasterizing), no image cache. */
function ogkitEngine(id: "d" | "f", name: string, engine: EngineName): Peer {
  return {
    id,
    name,
    async prepare(card) {
      const params = resolvedParams(card);
      return async () => (await renderCard(params, { engine })).body;
    },
  };
}

/** (d) ogkit's default engine: satori, resvg, the background layer reused, its own encoder. */
const ogkit = ogkitEngine("d", "ogkit engine", "satori");

/**
 * (f) ogkit's opt-in takumi engine: the same params and templates as (d), laid out and rasterized
 * by takumi instead of satori + resvg. ((e) is the ogkit server over HTTP.)
 */
const ogkitTakumi = ogkitEngine("f", "ogkit engine, takumi", "takumi");

export const peers: readonly Peer[] = [naive, vercel, takumi, ogkit, ogkitTakumi];
