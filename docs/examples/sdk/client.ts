import assert from "node:assert/strict";
// #region client
import { createOgClient, OgError } from "@ogkit/sdk";

const baseUrl = process.env.OGKIT_URL ?? "http://localhost:3000"; // your ogkit server
const og = createOgClient({
  baseUrl,
  timeout: 5_000, // per attempt, in ms
  retries: 2, // after the first attempt, on 429, 5xx, timeouts and network errors
});

const { bytes, contentType } = await og.fetchImage({ title: "Quarterly report", theme: "light" });
assert.equal(contentType, "image/png");
assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47]); // "PNG"
assert.equal(og.url({ title: "Hi" }), `${baseUrl}/api/v1/og?title=Hi`); // what fetchImage requests

// Invalid params throw at once, before any request; the server's own errors reject as OgError.
assert.throws(() => og.fetchImage({ title: "Hi", theme: "neon" as "dark" }), OgError);
await assert.rejects(
  og.fetchImage({ title: "Hi", template: "not-on-this-server" }),
  (error: OgError) => error.status === 400,
);

// #endregion

export { bytes };
