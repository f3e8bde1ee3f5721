import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { posts } from "../lib/posts";

/**
 * The example as a user runs it: `next build`, then `next start` on a free port, with a signing
 * secret. Pages are fetched over HTTP and their og:image is fetched and decoded.
 */
const appDir = fileURLToPath(new URL("..", import.meta.url));
const nextBin = createRequire(join(appDir, "package.json")).resolve("next/dist/bin/next");
const secret = `ogkit-test-${randomBytes(12).toString("hex")}`;
const siteUrl = "https://blog.example.com";
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", OGKIT_SECRET: secret, SITE_URL: siteUrl };

let server: ChildProcess | undefined;
let base = "";
let output = "";
let buildSeconds = 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server?.exitCode !== null) throw new Error(`next start exited:\n${output}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`next start did not answer within ${timeoutMs} ms:\n${output}`);
}

beforeAll(async () => {
  const started = Date.now();
  await promisify(execFile)(process.execPath, [nextBin, "build", "--webpack"], {
    cwd: appDir,
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  buildSeconds = (Date.now() - started) / 1000;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: appDir, env });
  server.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  server.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  await waitUntilUp(base, 60_000);
});

afterAll(() => {
  server?.kill();
  console.log(`next build took ${buildSeconds.toFixed(1)} s`);
});

function decode(text: string): string {
  return text
    .replaceAll("&quot;", '"')
    .replaceAll("&#x27;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}

/** The content of every `<meta property|name="key">` of a page, in order. */
function meta(html: string, key: string): string[] {
  const pattern = new RegExp(`<meta (?:property|name)="${key.replace(/[.:]/g, "\\$&")}" content="([^"]*)"`, "g");
  return [...html.matchAll(pattern)].map((match) => decode(match[1] ?? ""));
}

async function page(path: string): Promise<string> {
  const response = await fetch(`${base}${path}`);
  expect(response.status).toBe(200);
  return response.text();
}

/** Fetches an absolute og:image URL from the running app (its origin is the production one). */
async function image(url: string): Promise<Response> {
  const { pathname, search } = new URL(url);
  return fetch(`${base}${pathname}${search}`);
}

async function expectPng(response: Response, width: number, height: number): Promise<void> {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("image/png");
  const bytes = Buffer.from(await response.arrayBuffer());
  const metadata = await sharp(bytes).metadata();
  expect({ format: metadata.format, width: metadata.width, height: metadata.height }).toEqual({
    format: "png",
    width,
    height,
  });
  // Decoding every pixel proves the file is whole, not just its header.
  const { info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  expect(info.width * info.height).toBe(width * height);
}

describe("examples/next-app", () => {
  const post = posts[0]!;

  it("puts a signed, absolute og:image with its size into each post page", async () => {
    const html = await page(`/blog/${post.slug}`);
    const [ogImage] = meta(html, "og:image");
    expect(ogImage).toMatch(
      new RegExp(`^${siteUrl}/api/og\\?title=How%20to%20Build%20a%20REST%20API&.*&sig=[\\w-]{43}$`),
    );
    expect(meta(html, "og:image:width")).toEqual(["1200"]);
    expect(meta(html, "og:image:height")).toEqual(["630"]);
    expect(meta(html, "og:image:alt")).toEqual([post.title]);
    expect(meta(html, "og:image:type")).toEqual(["image/png"]);
    expect(meta(html, "twitter:card")).toEqual(["summary_large_image"]);
    expect(meta(html, "twitter:image")).toEqual([ogImage]);
  });

  it("serves that og:image from app/api/og: a 1200x630 PNG", async () => {
    for (const { slug } of posts) {
      const [url] = meta(await page(`/blog/${slug}`), "og:image");
      await expectPng(await image(url!), 1200, 630);
    }
  });

  it("refuses an og:image URL whose signature does not match", async () => {
    const [url] = meta(await page(`/blog/${post.slug}`), "og:image");
    const response = await image(url!.replace("Build", "Break"));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "BAD_SIGNATURE" } });
  });

  it("keeps a static page's own Open Graph fields next to withOgImage's image", async () => {
    const html = await page("/about");
    expect(meta(html, "og:title")).toEqual(["About the ogkit blog"]);
    expect(meta(html, "og:site_name")).toEqual(["The ogkit blog"]);
    expect(meta(html, "og:type")).toEqual(["website"]);
    const [url] = meta(html, "og:image");
    expect(url).toMatch(new RegExp(`^${siteUrl}/api/og\\?title=About%20the%20ogkit%20blog&`));
    await expectPng(await image(url!), 1200, 630);
  });

  it("renders the home page's opengraph-image file", async () => {
    const html = await page("/");
    const [url] = meta(html, "og:image");
    expect(url).toMatch(new RegExp(`^${siteUrl}/opengraph-image`));
    expect(meta(html, "og:image:alt")).toEqual(["The ogkit blog"]);
    expect(meta(html, "og:image:width")).toEqual(["1200"]);
    await expectPng(await image(url!), 1200, 630);
  });

  it("never ships the signing secret to the browser", async () => {
    const files: string[] = [];
    for (const entry of await readdir(join(appDir, ".next", "static"), { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) files.push(join(entry.parentPath, entry.name));
    }
    expect(files.some((file) => file.endsWith(".js"))).toBe(true);
    for (const file of files) {
      expect((await readFile(file)).includes(secret), file).toBe(false);
    }
    for (const path of ["/", "/about", `/blog/${post.slug}`]) {
      expect(await page(path)).not.toContain(secret);
    }
  });
});
