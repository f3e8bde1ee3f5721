import assert from "node:assert/strict";
// #region replicas
import { ogUrl } from "@ogkit/sdk";
import { createOgHandler } from "@ogkit/server";

// Two replicas share nothing but the secret.
const secret = "shared-secret";
const [a, b] = [
  createOgHandler({ pool: false, secrets: [secret] }),
  createOgHandler({ pool: false, secrets: [secret] }),
];
const url = `http://localhost${ogUrl({ title: "Same everywhere", theme: "light" }, { secret })}`;

const [fromA, fromB] = await Promise.all([a(new Request(url)), b(new Request(url))]);
// The same bytes and the same ETag (a hash of the canonical query and the engine version).
assert.equal(fromA.headers.get("etag"), fromB.headers.get("etag"));
assert.deepEqual(new Uint8Array(await fromA.arrayBuffer()), new Uint8Array(await fromB.arrayBuffer()));

// So a CDN's revalidation can land on any replica and still get its 304.
const etag = fromA.headers.get("etag") ?? "";
const revalidated = await b(new Request(url, { headers: { "if-none-match": etag } }));
assert.equal(revalidated.status, 304);
// #endregion
await Promise.all([a.close(), b.close()]);
