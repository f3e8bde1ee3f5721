import type { PatternTile } from "./pattern.js";

export const none: PatternTile = { name: "none", size: 0, svg: () => undefined };
