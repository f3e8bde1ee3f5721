export interface Post {
  slug: string;
  title: string;
  author: string;
  date: string;
  excerpt: string;
}

export const posts: Post[] = [
  {
    slug: "build-a-rest-api",
    title: "How to Build a REST API",
    author: "Ada Lovelace",
    date: "2026-03-31",
    excerpt: "A complete guide for beginners: routes, validation and errors.",
  },
  {
    slug: "dynamic-og-images",
    title: "Dynamic OG Images in One Line",
    author: "Grace Hopper",
    date: "2026-04-02",
    excerpt: "Every page gets its own preview card, rendered by your own app.",
  },
];

export function getPost(slug: string): Post | undefined {
  return posts.find((post) => post.slug === slug);
}
