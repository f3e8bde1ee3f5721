import { join } from "node:path";
import { renderBatch } from "@ogkit/server";
import posts from "./src/_data/posts.js";

// Before each build, render _site/og/<slug>.png for every post. Eleventy does not empty its
// output folder, so unchanged cards are skipped on the next build.
export default function (eleventyConfig) {
  eleventyConfig.on("eleventy.before", async ({ dir }) => {
    const summary = await renderBatch(
      posts.map((post) => ({ slug: post.slug, title: post.title, subtitle: post.summary })),
      { outDir: join(dir.output, "og"), defaults: { brand: "My Eleventy site", theme: "light" } },
    );
    for (const item of summary.items) {
      if (item.error) console.error(`[og] ${item.location} (${item.slug ?? "no slug"}): ${item.error.message}`);
    }
    console.log(`[og] rendered ${summary.rendered}, skipped ${summary.skipped}, failed ${summary.failed}`);
    if (summary.failed > 0) throw new Error(`${summary.failed} og image(s) failed`);
  });

  return { dir: { input: "src", output: "_site" } };
}
