import { withOgImage } from "@ogkit/next";

export const metadata = withOgImage(
  {
    title: "About",
    description: "Who writes the ogkit blog.",
    openGraph: { type: "website", title: "About the ogkit blog", siteName: "The ogkit blog" },
  },
  { title: "About the ogkit blog", theme: "light", pattern: "dots", icon: "users" },
);

export default function About() {
  return (
    <main>
      <h1>About</h1>
      <p>Engineers writing about the web.</p>
    </main>
  );
}
