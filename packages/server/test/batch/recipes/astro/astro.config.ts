// astro.config.ts: with astro installed, wrap the object in defineConfig() from "astro/config".
import { ogImages } from "./integrations/og-images";
import { posts } from "./src/data/posts";

export default {
  integrations: [
    ogImages({
      items: () => posts.map((post) => ({ slug: `blog/${post.slug}`, title: post.title, subtitle: post.description })),
      defaults: { brand: "My Astro blog", theme: "gradient" },
    }),
  ],
};
