export const posts = [
  { slug: "hello-astro", title: "Hello, Astro", description: "Islands, content and zero JS by default." },
  { slug: "og-at-build-time", title: "OG Images at Build Time", description: "One card per page, no server." },
];
