// The Metadata helpers only: nothing here may import @ogkit/server (satori, resvg, fonts), which is
// the optional peer of the `@ogkit/next/route` entry point alone.
export {
  DEFAULT_OG_ROUTE,
  type OgImageDescriptor,
  type OgMetadata,
  type OgMetadataOptions,
  ogImageUrl,
  ogMetadata,
} from "./metadata.js";
export { type GenerateMetadata, mergeOgMetadata, withOgImage } from "./with-og-image.js";
