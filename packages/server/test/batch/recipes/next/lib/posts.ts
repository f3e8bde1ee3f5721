export interface Post {
  slug: string;
  title: string;
  date: string;
  excerpt: string;
}

export const posts: Post[] = [
  {
    slug: "build-a-rest-api",
    title: "How to Build a REST API",
    date: "2026-03-31",
    excerpt: "A complete guide for beginners: routes, validation and errors.",
  },
  {
    slug: "dynamic-og-images",
    title: "Dynamic OG Images in One Line",
    date: "2026-04-02",
    excerpt: "Every page gets its own preview card, rendered at build time.",
  },
  {
    slug: "static-sites",
    title: "Static Sites, Dynamic Cards",
    date: "2026-04-09",
    excerpt: "One card per post in public/og, re-rendered only when a post changes.",
  },
];
