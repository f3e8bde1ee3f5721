export * from "./canonical.js";
export { createOgClient, type FetchImageOptions, type OgClient, type OgClientOptions, type OgImage } from "./client.js";
export * from "./errors.js";
export type { LucideIconName } from "./generated/lucide-icon-names.js";
export * from "./openapi.js";
export * from "./parse.js";
export * from "./schema.js";
export * from "./sign.js";
export * from "./url.js";
