import assert from "node:assert/strict";
// #region handler
import { createOgHandler } from "@ogkit/server";

// Request -> Response: the same function behind the Node server, the CLI, Next and Express.
const handler = createOgHandler({ pool: false, secrets: process.env.OGKIT_SECRET });

const response = await handler(new Request("http://localhost/api/v1/og?title=Hello"));
assert.equal(response.status, 200);
assert.equal(response.headers.get("content-type"), "image/png");

// Revalidation costs no render: the ETag is known from the URL alone.
const etag = response.headers.get("etag") ?? "";
const again = await handler(
  new Request("http://localhost/api/v1/og?title=Hello", { headers: { "if-none-match": etag } }),
);
assert.equal(again.status, 304);

// POST takes the same parameters as JSON (the hosted POST API's shape).
const posted = await handler(
  new Request("http://localhost/v1/og-image", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title: "Hello", template: "gradient", accentColor: "#6366f1" }),
  }),
);
assert.equal(posted.status, 200);

await handler.close(); // stops its render threads, if it has any
// #endregion
