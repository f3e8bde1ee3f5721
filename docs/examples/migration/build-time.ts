import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const out = mkdtempSync(join(tmpdir(), "og-build-"));
const getAllPosts = async () => [
  { slug: "fly-io", title: "Deploy to Fly.io in 5 minutes", author: "Marcus Chen", readingTime: 8 },
  { slug: "edge", title: "Edge functions, measured", author: "Ada Lovelace", readingTime: 12 },
];

// #region build-time
import { createOgClient } from "@ogkit/sdk";

const og = createOgClient({
  baseUrl: process.env.OGKIT_URL ?? "http://localhost:3000",
  apiKey: process.env.OGKIT_API_KEY,
});
const posts = await getAllPosts();

await mkdir(join(out, "public/og"), { recursive: true });
for (const post of posts) {
  // GET the canonical URL (cacheable), with retries on 429/5xx; invalid params throw before any request.
  const { bytes } = await og.fetchImage({
    title: post.title,
    subtitle: `${post.author} · ${post.readingTime} min read`,
    template: "gradient",
    accentColor: "#6366f1",
  });
  await writeFile(join(out, `public/og/${post.slug}.png`), bytes);
}
// #endregion

assert.deepEqual(readdirSync(join(out, "public/og")).sort(), ["edge.png", "fly-io.png"]);
rmSync(out, { recursive: true });
