import assert from "node:assert/strict";
// #region cache-headers
import { ogUrl } from "@ogkit/sdk";
import { createOgHandler, DEFAULT_CACHE_CONTROL, SIGNED_CACHE_CONTROL } from "@ogkit/server";

const get = (handler: (request: Request) => Promise<Response>, path: string) =>
  handler(new Request(`http://localhost${path}`));

// Unsigned server: OGKIT_CACHE_CONTROL, by default a day, then a week stale-while-revalidate.
const open = createOgHandler({ pool: false });
const unsigned = await get(open, ogUrl({ title: "Hello" }));
assert.equal(unsigned.headers.get("cache-control"), DEFAULT_CACHE_CONTROL);
assert.equal(DEFAULT_CACHE_CONTROL, "public, max-age=86400, stale-while-revalidate=604800");

// Signed URL: the same URL is always the same image, so caches may keep it for a year.
const secret = "change-me";
const signedMode = createOgHandler({ pool: false, secrets: [secret] });
const signed = await get(signedMode, ogUrl({ title: "Hello" }, { secret }));
assert.equal(signed.headers.get("cache-control"), SIGNED_CACHE_CONTROL);
assert.equal(SIGNED_CACHE_CONTROL, "public, max-age=31536000, immutable");

// Expiring URL: no cache may keep it past its exp.
const expiring = await get(signedMode, ogUrl({ title: "Hello" }, { secret, expiresIn: 600 }));
assert.match(expiring.headers.get("cache-control") ?? "", /^public, max-age=(600|599)$/);

// Errors are never stored.
const refused = await get(signedMode, ogUrl({ title: "Hello" }));
assert.equal(refused.status, 403);
assert.equal(refused.headers.get("cache-control"), "no-store");
// #endregion
await Promise.all([open.close(), signedMode.close()]);
