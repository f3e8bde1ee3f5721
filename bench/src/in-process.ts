import type { BenchCard } from "./cards.js";
import { pixelmatch, sharp } from "./deps.js";
import type { Peer, Render } from "./peers.js";
import { median, quantile } from "./stats.js";

/** The golden tests' tolerance: a pixel differs past this YIQ distance, an image past this share of them. */
export const PIXEL_THRESHOLD = 0.1;
export const MAX_DIFFERING_SHARE = 0.005;

export interface PeerRun {
  card: string;
  peer: Peer["id"];
  medianMs: number;
  p90Ms: number;
  samples: number;
  /** Size of the PNG the peer made. */
  bytes: number;
  /** What the PNG says of itself. */
  format: string;
  width: number;
  height: number;
}

export interface CardRun {
  card: string;
  runs: PeerRun[];
  /** Share of pixels of ogkit's image that differ from (a)'s, at the golden tests' threshold. */
  ogkitDifferingShare: number;
}

async function rgba(png: Uint8Array) {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Share of differing pixels between two images of the same size (1 when the sizes differ). */
export async function differingShare(a: Uint8Array, b: Uint8Array): Promise<number> {
  const [x, y] = await Promise.all([rgba(a), rgba(b)]);
  if (x.width !== y.width || x.height !== y.height) return 1;
  const differing = pixelmatch(x.data, y.data, undefined, x.width, x.height, { threshold: PIXEL_THRESHOLD });
  return differing / (x.width * x.height);
}

/**
 * Renders one card with every peer, interleaved: each round runs every peer once, in an order that
 * rotates, so drift in the machine's speed (other processes, thermal) falls on all of them alike.
 */
export async function runCard(
  card: BenchCard,
  peers: readonly Peer[],
  options: { warmup: number; rounds: number },
): Promise<CardRun> {
  const renders: Render[] = [];
  for (const peer of peers) renders.push(await peer.prepare(card));
  const times: number[][] = peers.map(() => []);
  const last: Uint8Array[] = [];
  for (let round = 0; round < options.warmup + options.rounds; round++) {
    for (let k = 0; k < peers.length; k++) {
      const index = (round + k) % peers.length;
      const started = performance.now();
      const image = await renders[index]!();
      const elapsed = performance.now() - started;
      if (round >= options.warmup) times[index]!.push(elapsed);
      last[index] = image;
    }
  }
  const runs: PeerRun[] = [];
  for (const [index, peer] of peers.entries()) {
    const image = last[index]!;
    const meta = await sharp(image).metadata();
    runs.push({
      card: card.name,
      peer: peer.id,
      medianMs: median(times[index]!),
      p90Ms: quantile(times[index]!, 0.9),
      samples: times[index]!.length,
      bytes: image.byteLength,
      format: meta.format ?? "unknown",
      width: meta.width ?? 0,
      height: meta.height ?? 0,
    });
  }
  const naive = peers.findIndex((peer) => peer.id === "a");
  const ogkit = peers.findIndex((peer) => peer.id === "d");
  return { card: card.name, runs, ogkitDifferingShare: await differingShare(last[ogkit]!, last[naive]!) };
}
