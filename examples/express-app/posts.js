export const posts = [
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

export async function getPost(slug) {
  return posts.find((post) => post.slug === slug);
}
