import assert from "node:assert/strict";
// #region og-metadata
import { ogMetadata } from "@ogkit/next";

const metadata = ogMetadata({ title: "How to Build a REST API", theme: "light" }, { secret: false });
const image = {
  url: "/api/og?title=How%20to%20Build%20a%20REST%20API&theme=light",
  width: 1200,
  height: 630,
  alt: "How to Build a REST API",
  type: "image/png",
};
assert.deepEqual(metadata, {
  openGraph: { images: [image] },
  twitter: { card: "summary_large_image", images: [image] },
});
// #endregion
