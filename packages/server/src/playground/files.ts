/**
 * The layout of the built playground, shared by the build script and the server: the page is
 * `index.html`; every other file is content-hashed, so it can be cached forever.
 */

/** URL path segment (under the page) and directory name (under dist) of the playground's assets. */
export const ASSET_DIR = "playground";

/** The page itself, in the built directory. */
export const PAGE_FILE = "index.html";

/** Hashed asset names: `app-<hash>.js`, `app-<hash>.css`. */
export const ASSET_NAME = /^[a-z]+-[A-Za-z0-9_-]{8,}\.(?:js|css)$/;

/** Content types of the asset extensions. */
export const CONTENT_TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
};

/** Precompressed siblings of each asset, in order of preference: `app-<hash>.js.br`. */
export const ENCODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;
