export { patternTiles } from "../patterns/index.js";
export { listThemes, type Palette, palettes } from "../themes/index.js";
export { hasIcon, listIcons, suggestIcons } from "./icons.js";
export {
  buildCard,
  ENGINE_VERSION,
  preloadEngine,
  type RenderElementOptions,
  renderCard,
  renderElement,
} from "./render.js";
export type * from "./types.js";
