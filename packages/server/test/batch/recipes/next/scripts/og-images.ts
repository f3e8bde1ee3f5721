// npm runs "prebuild" before "build": every post gets public/og/blog/<slug>.png, and
// generateMetadata points at it (openGraph: { images: [`/og/blog/${post.slug}.png`] }).
import { renderBatch } from "@ogkit/server";
import { posts } from "../lib/posts";

const summary = await renderBatch(
  posts.map((post) => ({
    slug: `blog/${post.slug}`,
    title: post.title,
    subtitle: post.excerpt,
    caption: post.date,
  })),
  { outDir: "public/og", defaults: { brand: "My Next blog", icon: "newspaper" } },
);

for (const item of summary.items) {
  if (item.error) console.error(`og image ${item.location} (${item.slug ?? "no slug"}): ${item.error.message}`);
}
console.log(`og images: rendered ${summary.rendered}, skipped ${summary.skipped}, failed ${summary.failed}`);
// A failed card fails the build.
if (summary.failed > 0) process.exitCode = 1;
