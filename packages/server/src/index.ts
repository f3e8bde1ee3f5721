export {
  type BatchItem,
  type BatchItemResult,
  type BatchSummary,
  type RenderBatchOptions,
  renderBatch,
} from "./batch/render-batch.js";
export {
  type ConfigEntry,
  type ConfigOption,
  configFromEnv,
  configFromFlags,
  configMarkdownTable,
  configTable,
  DEFAULT_CACHE_CONTROL,
  type ServerConfig,
  SIGNED_CACHE_CONTROL,
} from "./config.js";
export { ENGINE_VERSION, ENGINES, engineVersion, renderCard } from "./engine/index.js";
export type {
  EngineName,
  OgElement,
  OgTemplate,
  RenderDiagnostics,
  RenderOptions,
  RenderResult,
} from "./engine/types.js";
export { createOgHandler, type OgHandler, type OgHandlerOptions } from "./http/handler.js";
export { createPlayground, type PlaygroundHandler, type PlaygroundOptions } from "./playground/index.js";
export { createOgServer, type OgServer, type OgServerOptions, sendWebResponse, toWebRequest } from "./server.js";
