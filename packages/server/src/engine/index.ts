export { listPatterns, patternTiles } from "../patterns/index.js";
export { listThemes, type Palette, palettes, resolveTheme, type ThemeDesign } from "../themes/index.js";
export { ENGINES } from "./engines.js";
export { type HtmlOptions, type ImageFetcher, isPrivateHost } from "./html.js";
export { hasIcon, listIcons, suggestIcons } from "./icons.js";
export {
  buildCard,
  ENGINE_VERSION,
  engineVersion,
  preloadEngine,
  type RenderElementOptions,
  renderCard,
  renderElement,
} from "./render.js";
export type * from "./types.js";
