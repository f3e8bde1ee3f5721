import assert from "node:assert/strict";
// #region api-keys
import { createOgHandler } from "@ogkit/server";

// OGKIT_API_KEYS="key-for-ci,key-for-cms": POST renders need one of them in x-api-key.
const handler = createOgHandler({ pool: false, apiKeys: ["key-for-ci", "key-for-cms"] });
const post = (headers: Record<string, string>) =>
  handler(
    new Request("http://localhost/v1/og-image", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ title: "Release notes" }),
    }),
  );

assert.equal((await post({})).status, 401); // UNAUTHORIZED
assert.equal((await post({ "x-api-key": "wrong" })).status, 401);
assert.equal((await post({ "x-api-key": "key-for-cms" })).status, 200);
// #endregion
await handler.close();
