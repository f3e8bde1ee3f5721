// Eleventy global data: `posts` in every template.
export default [
  { slug: "first-post", title: "My First Post", summary: "Written in Markdown, built by Eleventy." },
  { slug: "second-post", title: "Another Post", summary: "With its own card in _site/og/." },
];
