import type { EngineName } from "./types.js";

/** The engines a server can render with; the first is the default. */
export const ENGINES = ["satori", "takumi"] as const satisfies readonly EngineName[];
