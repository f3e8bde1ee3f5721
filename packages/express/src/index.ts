export { type ErrorMiddleware, type NextFunction, ogErrorHandler } from "./errors.js";
export {
  type OgLocals,
  type OgLocalsOptions,
  type OgMetaTagsOptions,
  type OgUrlOptions,
  ogImageUrl,
  ogLocals,
  ogMetaTags,
} from "./locals.js";
export {
  type NodeMiddleware,
  OG_IMAGE_ROUTES,
  type OgMiddleware,
  type OgMiddlewareOptions,
  ogMiddleware,
} from "./middleware.js";
export { type OgImageOptions, type OgImageRouter, ogImage } from "./router.js";
