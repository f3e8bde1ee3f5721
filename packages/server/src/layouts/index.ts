import type { Layout as LayoutName } from "@ogkit/sdk";
import { metric } from "./metric.js";
import type { Layout } from "./parts.js";
import { standard } from "./standard.js";

export type { Layout, LayoutResult } from "./parts.js";

/** Every layout of the schema's enum: the Record type makes a missing one a compile error. */
export const layouts: Record<LayoutName, Layout> = { standard, metric };
