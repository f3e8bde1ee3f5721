// #region fetch-function
import { createOgHandler } from "@ogkit/server";

// One handler per instance, made when the module loads: warm invocations reuse its engine and cache.
// pool: false renders in the function itself, as serverless runtimes want (no worker threads).
const handler = createOgHandler({
  pool: false,
  secrets: process.env.OGKIT_SECRET,
  cacheBytes: 32 * 1024 * 1024, // the platform's memory, not the CDN, is the limit here
});

// The fetch-handler shape of Cloudflare-style, Deno, Bun and Vercel/Netlify Node functions.
export default {
  fetch(request: Request): Promise<Response> {
    return handler(request);
  },
};
// #endregion
