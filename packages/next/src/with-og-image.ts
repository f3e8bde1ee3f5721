import type { OgParams } from "@ogkit/sdk";
import type { Metadata, ResolvingMetadata } from "next";
import { type OgMetadata, type OgMetadataOptions, ogMetadata } from "./metadata.js";

/** A page's `generateMetadata`. */
export type GenerateMetadata<Props> = (props: Props, parent: ResolvingMetadata) => Metadata | Promise<Metadata>;

/**
 * Adds ogkit's image to a page's own Metadata without dropping anything the page set:
 * - every top-level field is kept as is;
 * - `openGraph` and `twitter` are merged one level deep: the page's fields win, and ogkit only
 *   fills in `images` (and `twitter.card`) when the page did not set them. A page that sets its
 *   own `images` (even `[]`) keeps them, because crawlers take the first image.
 * - `openGraph: null` or `twitter: null` (a page opting out) stays null.
 */
export function mergeOgMetadata(metadata: Metadata, og: OgMetadata): Metadata {
  const merged: Metadata = { ...metadata };
  if (metadata.openGraph !== null) {
    merged.openGraph = {
      ...metadata.openGraph,
      images: metadata.openGraph?.images ?? og.openGraph.images,
    } as Metadata["openGraph"];
  }
  if (metadata.twitter !== null) {
    const card = metadata.twitter && "card" in metadata.twitter ? metadata.twitter.card : undefined;
    merged.twitter = {
      ...metadata.twitter,
      card: card ?? og.twitter.card,
      images: metadata.twitter?.images ?? og.twitter.images,
    } as Metadata["twitter"];
  }
  return merged;
}

/**
 * Adds an ogkit image to a static `metadata` object (see `mergeOgMetadata` for the merge rules).
 * @example
 * export const metadata = withOgImage({ title: "About" }, { title: "About us", theme: "light" });
 */
export function withOgImage(
  metadata: Metadata,
  toParams: OgParams | ((metadata: Metadata) => OgParams),
  options?: OgMetadataOptions,
): Metadata;
/**
 * Wraps a `generateMetadata` so that its result gets an ogkit image, with params computed from that
 * result and the page's props (see `mergeOgMetadata` for the merge rules).
 * @example
 * export const generateMetadata = withOgImage(
 *   async ({ params }: Props) => { const post = await getPost((await params).slug); return { title: post.title }; },
 *   (metadata) => ({ title: String(metadata.title) }),
 * );
 */
export function withOgImage<Props>(
  generateMetadata: GenerateMetadata<Props>,
  toParams: OgParams | ((metadata: Metadata, props: Props) => OgParams | Promise<OgParams>),
  options?: OgMetadataOptions,
): (props: Props, parent: ResolvingMetadata) => Promise<Metadata>;
export function withOgImage<Props>(
  metadataOrGenerate: Metadata | GenerateMetadata<Props>,
  toParams: OgParams | ((metadata: Metadata, props: Props) => OgParams | Promise<OgParams>),
  options?: OgMetadataOptions,
): Metadata | ((props: Props, parent: ResolvingMetadata) => Promise<Metadata>) {
  if (typeof metadataOrGenerate !== "function") {
    const params =
      typeof toParams === "function" ? (toParams as (metadata: Metadata) => OgParams)(metadataOrGenerate) : toParams;
    return mergeOgMetadata(metadataOrGenerate, ogMetadata(params, options));
  }
  return async (props, parent) => {
    const metadata = await metadataOrGenerate(props, parent);
    const params = typeof toParams === "function" ? await toParams(metadata, props) : toParams;
    return mergeOgMetadata(metadata, ogMetadata(params, options));
  };
}
