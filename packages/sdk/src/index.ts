export * from "./errors.js";
export type { LucideIconName } from "./generated/lucide-icon-names.js";
export * from "./schema.js";
