import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import astroConfig from "./recipes/astro/astro.config.js";
import { ogImages } from "./recipes/astro/integrations/og-images.js";
import { posts as astroPosts } from "./recipes/astro/src/data/posts.js";
import { posts as nextPosts } from "./recipes/next/lib/posts.js";

/**
 * Each recipe of docs/batch.md, run as its tool would run it, against its fixture content, without
 * installing Next, Astro or Eleventy: the prebuild script as a process, the Astro integration's hooks
 * and the Eleventy config's event handler called with what those tools pass.
 */
const recipes = fileURLToPath(new URL("./recipes/", import.meta.url));
const execFileAsync = promisify(execFile);
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "ogkit-recipe-"));
  dirs.push(dir);
  return dir;
}

async function expectCards(dir: string, slugs: string[]) {
  for (const slug of slugs) {
    const meta = await sharp(await readFile(join(dir, `${slug}.png`))).metadata();
    expect(meta, slug).toMatchObject({ format: "png", width: 1200, height: 630 });
  }
}

function fakeLogger() {
  const lines: string[] = [];
  return {
    lines,
    logger: {
      info: (message: string) => lines.push(`info ${message}`),
      error: (m: string) => lines.push(`error ${m}`),
    },
  };
}

describe("Next: a prebuild script", () => {
  it("renders public/og/blog/<slug>.png for every post, then skips them on the next build", async () => {
    const pkg = JSON.parse(await readFile(join(recipes, "next/package.json"), "utf8"));
    const [runner, script, ...rest] = String(pkg.scripts.prebuild).split(" ");
    expect([runner, rest]).toEqual(["tsx", []]);
    const project = await tempDir();
    // What `tsx <script>` does in the project's folder, with ogkit resolved from source as in every test here.
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
    const prebuild = () =>
      execFileAsync(
        process.execPath,
        ["--import", tsx, "--conditions=@ogkit/source", join(recipes, "next", script as string)],
        { cwd: project, timeout: 120_000 },
      );
    const first = await prebuild();
    expect(first.stdout).toContain(`og images: rendered ${nextPosts.length}, skipped 0, failed 0`);
    await expectCards(
      join(project, "public/og"),
      nextPosts.map((post) => `blog/${post.slug}`),
    );
    const second = await prebuild();
    expect(second.stdout).toContain(`og images: rendered 0, skipped ${nextPosts.length}, failed 0`);
  }, 180_000);
});

describe("Astro: an integration", () => {
  it("renders into public/og/ at astro:build:start, from astro.config's items, then skips", async () => {
    const [integration] = astroConfig.integrations;
    expect(integration?.name).toBe("og-images");
    const project = await tempDir();
    const publicDir = pathToFileURL(join(project, "public/"));
    integration?.hooks["astro:config:setup"]({ config: { publicDir } });
    const { lines, logger } = fakeLogger();
    await integration?.hooks["astro:build:start"]({ logger });
    await expectCards(
      join(project, "public/og"),
      astroPosts.map((post) => `blog/${post.slug}`),
    );
    await integration?.hooks["astro:build:start"]({ logger });
    expect(lines).toEqual([
      `info rendered ${astroPosts.length}, skipped 0, failed 0`,
      `info rendered 0, skipped ${astroPosts.length}, failed 0`,
    ]);
  }, 120_000);

  it("fails the build on a bad card, logging where it is and why; the good ones still render", async () => {
    const project = await tempDir();
    const integration = ogImages({
      items: () => [
        { slug: "good", title: "Good" },
        { slug: "bad", title: "Bad", accent: "red" },
      ],
    });
    integration.hooks["astro:config:setup"]({ config: { publicDir: pathToFileURL(join(project, "public/")) } });
    const { lines, logger } = fakeLogger();
    await expect(integration.hooks["astro:build:start"]({ logger })).rejects.toThrow("og-images: 1 card(s) failed");
    expect(lines[0]).toBe("error items[1] (bad): accent must be a hex color of 3 or 6 digits, such as ff6600 or #f60");
    expect(await readdir(join(project, "public/og"))).toContain("good.png");
  }, 120_000);
});

describe("Eleventy: a config with an eleventy.before handler", () => {
  type Handler = (args: { dir: { input: string; output: string } }) => Promise<void>;
  type EleventyConfig = { on: (event: string, handler: Handler) => void };
  // Plain JavaScript, as Eleventy configs and data files are: loaded as Eleventy loads them.
  const load = async <T>(file: string): Promise<T> =>
    ((await import(pathToFileURL(join(recipes, "eleventy", file)).href)) as { default: T }).default;

  it("renders <output>/og/<slug>.png for every post, then skips", async () => {
    const eleventyConfigFunction = await load<(config: EleventyConfig) => unknown>("eleventy.config.js");
    const eleventyPosts = await load<{ slug: string }[]>("src/_data/posts.js");
    const handlers = new Map<string, Handler>();
    const eleventyConfig: EleventyConfig = { on: (event, handler) => handlers.set(event, handler) };
    const returned = eleventyConfigFunction(eleventyConfig);
    expect(returned).toEqual({ dir: { input: "src", output: "_site" } });
    const before = handlers.get("eleventy.before");
    expect(before).toBeTypeOf("function");
    const site = join(await tempDir(), "_site");
    const log: string[] = [];
    const original = console.log;
    console.log = (message: string) => log.push(message);
    try {
      await before?.({ dir: { input: "src", output: site } });
      await before?.({ dir: { input: "src", output: site } });
    } finally {
      console.log = original;
    }
    const slugs = eleventyPosts.map((post) => post.slug);
    await expectCards(join(site, "og"), slugs);
    expect(log).toEqual([
      `[og] rendered ${slugs.length}, skipped 0, failed 0`,
      `[og] rendered 0, skipped ${slugs.length}, failed 0`,
    ]);
  }, 120_000);
});
