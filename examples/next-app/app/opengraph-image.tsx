import { createOpenGraphImage } from "@ogkit/next/route";

// The home page's card, through Next's opengraph-image file convention.
const image = createOpenGraphImage(
  { title: "The ogkit blog", subtitle: "Engineers writing about the web", theme: "gradient", icon: "rss" },
  { alt: "The ogkit blog" },
);

export const { size, contentType, alt } = image;
export default image.default;
