export * from "./canonical.js";
export * from "./errors.js";
export type { LucideIconName } from "./generated/lucide-icon-names.js";
export * from "./parse.js";
export * from "./schema.js";
export * from "./sign.js";
export * from "./url.js";
