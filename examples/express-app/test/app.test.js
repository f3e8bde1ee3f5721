import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { posts } from "../posts.js";

/** The example as a user runs it: the app on a free port, with a signing secret, fetched over HTTP. */
const secret = `ogkit-test-${randomBytes(12).toString("hex")}`;
let server;
let images;
let base = "";

beforeAll(async () => {
  vi.stubEnv("OGKIT_SECRET", secret);
  vi.stubEnv("SITE_URL", "");
  const example = await import("../app.js");
  images = example.images;
  await new Promise((resolve) => {
    server = example.app.listen(0, "127.0.0.1", resolve);
  });
  base = `http://127.0.0.1:${server.address().port}`;
  // As an app would at start-up: load the renderer in its threads before the first crawler asks.
  await images.handler.warm();
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await images?.close();
  vi.unstubAllEnvs();
});

function decode(text) {
  return text
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}

function meta(html, key) {
  const pattern = new RegExp(`<meta (?:property|name)="${key.replace(/[.:]/g, "\\$&")}" content="([^"]*)"`, "g");
  return [...html.matchAll(pattern)].map((match) => decode(match[1]));
}

async function page(path) {
  const response = await fetch(`${base}${path}`);
  expect(response.status).toBe(200);
  return response.text();
}

async function expectPng(response, width, height) {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("image/png");
  const bytes = Buffer.from(await response.arrayBuffer());
  const metadata = await sharp(bytes).metadata();
  expect({ format: metadata.format, width: metadata.width, height: metadata.height }).toEqual({
    format: "png",
    width,
    height,
  });
  const { info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  expect(info.width * info.height).toBe(width * height);
}

describe("examples/express-app", () => {
  const post = posts[0];

  it("renders a signed, absolute og:image with its size into the post page", async () => {
    const html = await page(`/blog/${post.slug}`);
    const [ogImage] = meta(html, "og:image");
    expect(ogImage).toMatch(
      new RegExp(`^${base}/api/v1/og\\?title=How%20to%20Build%20a%20REST%20API&.*&sig=[\\w-]{43}$`),
    );
    expect(meta(html, "og:image:width")).toEqual(["1200"]);
    expect(meta(html, "og:image:height")).toEqual(["630"]);
    expect(meta(html, "og:image:alt")).toEqual([post.title]);
    expect(meta(html, "twitter:card")).toEqual(["summary_large_image"]);
    expect(meta(html, "twitter:image")).toEqual([ogImage]);
    expect(html).not.toContain(secret);
  });

  it("serves that og:image itself: a 1200x630 PNG", async () => {
    for (const { slug } of posts) {
      const [url] = meta(await page(`/blog/${slug}`), "og:image");
      await expectPng(await fetch(url), 1200, 630);
    }
  });

  it("refuses a tampered image URL with the SDK's JSON error", async () => {
    const [url] = meta(await page(`/blog/${post.slug}`), "og:image");
    const response = await fetch(url.replace("Build", "Break"));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "BAD_SIGNATURE" } });
  });

  it("leaves unknown pages to Express", async () => {
    expect((await fetch(`${base}/blog/no-such-post`)).status).toBe(404);
  });
});
