import assert from "node:assert/strict";
import fs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const OGKIT_URL = process.env.OGKIT_URL ?? "http://localhost:3000";
const dir = fs.mkdtempSync(join(tmpdir(), "og-"));
const file = join(dir, "og-image.png");

// #region post-api
// The POST API's call, unchanged but for the host: same route, header and body.
const response = await fetch(`${OGKIT_URL}/v1/og-image`, {
  method: "POST",
  headers: { "x-api-key": process.env.OGKIT_API_KEY ?? "", "Content-Type": "application/json" },
  body: JSON.stringify({
    title: "How to deploy a Node.js app to Fly.io in 5 minutes",
    subtitle: "Marcus Chen · 8 min read",
    template: "gradient",
    accentColor: "#6366f1",
  }),
});

const buffer = Buffer.from(await response.arrayBuffer());
fs.writeFileSync(file, buffer);
// #endregion

assert.equal(response.status, 200);
assert.equal(response.headers.get("content-type"), "image/png");
assert.equal(response.headers.get("x-og-theme"), "gradient"); // template=gradient picked the gradient theme
assert.equal(fs.readFileSync(file).subarray(1, 4).toString(), "PNG");
fs.rmSync(dir, { recursive: true });
