import type { Metadata } from "next";
import type { ReactNode } from "react";

export const metadata: Metadata = {
  // Relative og:image URLs are resolved against this: your production origin.
  metadataBase: new URL(process.env.SITE_URL ?? "http://localhost:3000"),
  title: { default: "The ogkit blog", template: "%s | The ogkit blog" },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
