import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseOgParams } from "@ogkit/sdk";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINE_VERSION } from "../engine/index.js";
import type { OgTemplate } from "../engine/types.js";
import { BatchInputError, parseManifest } from "./manifest.js";
import { type BatchItem, type BatchItemResult, renderBatch, runBatch } from "./render-batch.js";
import { cardHash, STATE_FILE } from "./state.js";

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "ogkit-batch-"));
  dirs.push(dir);
  return dir;
}

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function mtimes(dir: string, files: string[]): Promise<Map<string, number>> {
  return new Map(await Promise.all(files.map(async (file) => [file, (await stat(join(dir, file))).mtimeMs] as const)));
}

async function readState(dir: string): Promise<Record<string, string>> {
  return JSON.parse(await readFile(join(dir, STATE_FILE), "utf8")).cards;
}

const statuses = (items: BatchItemResult[]) => items.map((item) => item.status);

describe("renderBatch: a manifest of 100 cards", () => {
  const posts: BatchItem[] = Array.from({ length: 100 }, (_, index) => ({
    slug: `blog/post-${index}`,
    title: `Post number ${index}: notes on building things`,
    subtitle: index % 2 === 0 ? "An even post" : undefined,
    theme: index % 3 === 0 ? "light" : "dark",
  }));
  const files = posts.map((post) => `${post.slug}.png`);
  let outDir: string;
  beforeAll(async () => {
    outDir = await tempDir();
  });

  it("renders 100 PNGs of the requested size, reporting each as it finishes", async () => {
    const progress: number[] = [];
    const summary = await renderBatch(posts, {
      outDir,
      concurrency: 2,
      defaults: { brand: "Batch blog" },
      onItem: (_result, { done, total }) => {
        expect(total).toBe(100);
        progress.push(done);
      },
    });
    expect(summary).toMatchObject({ rendered: 100, skipped: 0, failed: 0, warnings: [] });
    expect(progress).toEqual(Array.from({ length: 100 }, (_, index) => index + 1));
    expect(summary.items.map((item) => item.file)).toEqual(files);
    expect(summary.items.every((item) => item.status === "rendered" && (item.bytes ?? 0) > 1000)).toBe(true);
    // Only the images and the incremental manifest: no temporary file is left behind.
    expect((await readdir(outDir)).sort()).toEqual([STATE_FILE, "blog"]);
    expect((await readdir(join(outDir, "blog"))).length).toBe(100);
    for (const file of ["blog/post-0.png", "blog/post-57.png", "blog/post-99.png"]) {
      expect(await sharp(join(outDir, file)).metadata(), file).toMatchObject({
        format: "png",
        width: 1200,
        height: 630,
      });
    }
    expect(Object.keys(await readState(outDir)).sort()).toEqual([...files].sort());
  }, 240_000);

  it("a second run skips all 100 and renders nothing: same summary, files and manifest untouched", async () => {
    const before = await mtimes(outDir, [...files, STATE_FILE]);
    const summary = await renderBatch(posts, { outDir, concurrency: 2, defaults: { brand: "Batch blog" } });
    expect(summary).toMatchObject({ rendered: 0, skipped: 100, failed: 0 });
    expect(new Set(statuses(summary.items))).toEqual(new Set(["skipped"]));
    expect(await mtimes(outDir, [...files, STATE_FILE])).toEqual(before);
  }, 60_000);

  it("a changed entry re-renders alone", async () => {
    const before = await mtimes(outDir, files);
    const oldImage = await readFile(join(outDir, "blog/post-42.png"));
    const changed = posts.map((post, index) => (index === 42 ? { ...post, title: "A better title" } : post));
    const summary = await renderBatch(changed, { outDir, concurrency: 2, defaults: { brand: "Batch blog" } });
    expect(summary).toMatchObject({ rendered: 1, skipped: 99, failed: 0 });
    expect(summary.items[42]).toMatchObject({ status: "rendered", file: "blog/post-42.png", location: "items[42]" });
    const after = await mtimes(outDir, files);
    expect(files.filter((file) => after.get(file) !== before.get(file))).toEqual(["blog/post-42.png"]);
    expect(sha(await readFile(join(outDir, "blog/post-42.png")))).not.toBe(sha(oldImage));
    posts[42] = changed[42] as BatchItem;
  }, 60_000);

  it("a changed default (--brand) re-renders every card it reaches", async () => {
    const subset = posts.slice(0, 3);
    const summary = await renderBatch(subset, { outDir, concurrency: 2, defaults: { brand: "Renamed blog" } });
    expect(summary).toMatchObject({ rendered: 3, skipped: 0, failed: 0 });
    // Back to the brand of the other tests.
    await renderBatch(subset, { outDir, concurrency: 2, defaults: { brand: "Batch blog" } });
  }, 60_000);

  it("a broken entry fails alone, with its location and field; its record is dropped; the others are untouched", async () => {
    const before = await mtimes(outDir, files);
    const broken = posts.map((post, index) => (index === 7 ? { ...post, title: "x".repeat(201) } : post));
    const summary = await renderBatch(broken, { outDir, concurrency: 2, defaults: { brand: "Batch blog" } });
    expect(summary).toMatchObject({ rendered: 0, skipped: 99, failed: 1 });
    const failure = summary.items[7];
    expect(failure).toMatchObject({ status: "failed", location: "items[7]", slug: "blog/post-7" });
    expect(failure?.error?.code).toBe("INVALID_PARAMS");
    expect(failure?.error?.issues).toEqual([
      { path: "title", message: "title must be at most 200 characters (got 201)" },
    ]);
    expect(await mtimes(outDir, files)).toEqual(before);
    // Kept out of the incremental manifest, so the fixed entry renders again next time.
    const state = await readState(outDir);
    expect(Object.keys(state)).toHaveLength(99);
    expect(state).not.toHaveProperty("blog/post-7.png");

    const fixed = await renderBatch(posts, { outDir, concurrency: 2, defaults: { brand: "Batch blog" } });
    expect(fixed).toMatchObject({ rendered: 1, skipped: 99, failed: 0 });
    expect(fixed.items[7]?.status).toBe("rendered");
  }, 60_000);

  it("force re-renders all 100", async () => {
    const before = await mtimes(outDir, files);
    const summary = await renderBatch(posts, {
      outDir,
      concurrency: 2,
      defaults: { brand: "Batch blog" },
      force: true,
    });
    expect(summary).toMatchObject({ rendered: 100, skipped: 0, failed: 0 });
    const after = await mtimes(outDir, files);
    expect(files.filter((file) => after.get(file) === before.get(file))).toEqual([]);
  }, 240_000);
});

describe("renderBatch: what makes a card render again", () => {
  const items: BatchItem[] = [
    { slug: "one", title: "One" },
    { slug: "two", title: "Two" },
  ];

  it("a deleted image renders again, though its hash is unchanged", async () => {
    const outDir = await tempDir();
    await renderBatch(items, { outDir, concurrency: 1 });
    await rm(join(outDir, "two.png"));
    const summary = await renderBatch(items, { outDir, concurrency: 1 });
    expect(statuses(summary.items)).toEqual(["skipped", "rendered"]);
  });

  it("a hash recorded by another engine version renders again", async () => {
    const outDir = await tempDir();
    await renderBatch(items, { outDir, concurrency: 1 });
    const state = await readState(outDir);
    expect(state["one.png"]).toBe(cardHash(parseOgParams({ title: "One" }), ENGINE_VERSION));
    state["one.png"] = cardHash(parseOgParams({ title: "One" }), `${ENGINE_VERSION}-previous`);
    await writeFile(join(outDir, STATE_FILE), JSON.stringify({ version: 1, cards: state }));
    const summary = await renderBatch(items, { outDir, concurrency: 1 });
    expect(statuses(summary.items)).toEqual(["rendered", "skipped"]);
  });

  it("an unreadable incremental manifest is a warning, and every card renders", async () => {
    const outDir = await tempDir();
    await renderBatch(items, { outDir, concurrency: 1 });
    await writeFile(join(outDir, STATE_FILE), "{ half written");
    const summary = await renderBatch(items, { outDir, concurrency: 1 });
    expect(summary).toMatchObject({ rendered: 2, skipped: 0, failed: 0 });
    expect(summary.warnings).toEqual([expect.stringContaining(`ignored ${join(outDir, STATE_FILE)}`)]);
    expect(Object.keys(await readState(outDir)).sort()).toEqual(["one.png", "two.png"]);
  });

  it("runs into one output directory keep each other's records", async () => {
    const outDir = await tempDir();
    await renderBatch([{ slug: "posts/a", title: "A" }], { outDir, concurrency: 1 });
    await renderBatch([{ slug: "pages/b", title: "B" }], { outDir, concurrency: 1 });
    expect(Object.keys(await readState(outDir)).sort()).toEqual(["pages/b.png", "posts/a.png"]);
    const again = await renderBatch([{ slug: "posts/a", title: "A" }], { outDir, concurrency: 1 });
    expect(statuses(again.items)).toEqual(["skipped"]);
  });

  it("a custom template's version is part of the hash", async () => {
    const outDir = await tempDir();
    const badge: OgTemplate = (params) => ({
      type: "div",
      props: {
        style: { display: "flex", width: params.width, height: params.height, background: "#0a7", color: "#fff" },
        children: params.title,
      },
    });
    const cards: BatchItem[] = [{ slug: "badge", title: "Custom", template: "badge", width: 400, height: 210 }];
    const run = (templatesVersion: string) =>
      renderBatch(cards, { outDir, concurrency: 1, templates: { badge }, templatesVersion });
    expect(statuses((await run("1")).items)).toEqual(["rendered"]);
    expect(await sharp(join(outDir, "badge.png")).metadata()).toMatchObject({ width: 400, height: 210 });
    expect(statuses((await run("1")).items)).toEqual(["skipped"]);
    expect(statuses((await run("2")).items)).toEqual(["rendered"]);
  });
});

describe("renderBatch: entries", () => {
  it("defaults apply to every entry and an entry's own value wins; the format names the extension", async () => {
    const outDir = await tempDir();
    const summary = await renderBatch(
      [
        { slug: "a", title: "A" },
        { slug: "b", title: "B", format: "png" },
      ],
      { outDir, concurrency: 2, defaults: { format: "jpeg", width: 600, height: 315 } },
    );
    expect(summary.items.map((item) => item.file)).toEqual(["a.jpg", "b.png"]);
    expect(await sharp(join(outDir, "a.jpg")).metadata()).toMatchObject({ format: "jpeg", width: 600, height: 315 });
    expect(await sharp(join(outDir, "b.png")).metadata()).toMatchObject({ format: "png", width: 600, height: 315 });
  });

  it("refuses path traversal, absolute slugs and duplicates (also by case), naming the entry; the rest render", async () => {
    const root = await tempDir();
    const outDir = join(root, "out");
    const summary = await renderBatch(
      [
        { slug: "../escape", title: "Escape" },
        { slug: "/etc/og", title: "Absolute" },
        { slug: "fine", title: "Fine" },
        { slug: "Fine", title: "Same file on macOS" },
        { title: "No slug" } as BatchItem,
      ],
      { outDir, concurrency: 1 },
    );
    expect(statuses(summary.items)).toEqual(["failed", "failed", "rendered", "failed", "failed"]);
    expect(summary.items.map((item) => item.error?.issues[0]?.path)).toEqual([
      "slug",
      "slug",
      undefined,
      "slug",
      "slug",
    ]);
    expect(summary.items[3]?.error?.message).toBe(
      "slug 'Fine' writes the same file (Fine.png) as the entry at items[2] ('fine'); give each entry its own slug",
    );
    expect(await readdir(root)).toEqual(["out"]);
    expect((await readdir(outDir)).sort()).toEqual([STATE_FILE, "fine.png"]);
  });

  it("reports a bad slug and bad parameters of one entry together", async () => {
    const outDir = await tempDir();
    const summary = await renderBatch([{ slug: "a b", title: "", theme: "neon" as "dark" }], {
      outDir,
      concurrency: 1,
    });
    expect(summary.items[0]?.error?.issues.map((issue) => issue.path)).toEqual(["slug", "title", "theme"]);
    expect(summary.items[0]?.error?.message).toBe("Invalid slug, title, theme");
  });

  it("reads JSON manifest values as the POST route reads a body: null is an error there, absent in renderBatch", async () => {
    const outDir = await tempDir();
    const entries = parseManifest('[{"slug":"json-null","title":"T","subtitle":null}]', "json", "m.json");
    const fromJson = await runBatch(entries, { outDir, concurrency: 1 });
    expect(fromJson.items[0]).toMatchObject({ status: "failed", location: "m.json[0]" });
    expect(fromJson.items[0]?.error?.issues).toEqual([{ path: "subtitle", message: "subtitle must be text" }]);
    const fromApi = await renderBatch([{ slug: "api-null", title: "T", subtitle: null as unknown as string }], {
      outDir,
      concurrency: 1,
    });
    expect(statuses(fromApi.items)).toEqual(["rendered"]);
  });

  it("regression: an item's undefined parameter no longer hides the default", async () => {
    const outDir = await tempDir();
    const defaults = { brand: "Default brand" };
    const first = await renderBatch([{ slug: "a", title: "A", brand: undefined }], {
      outDir,
      concurrency: 1,
      defaults,
    });
    expect(statuses(first.items)).toEqual(["rendered"]);
    // The same card as one that leaves brand out: its hash, and so its image, has the default brand.
    const second = await renderBatch([{ slug: "a", title: "A" }], { outDir, concurrency: 1, defaults });
    expect(statuses(second.items)).toEqual(["skipped"]);
  });

  it("an item that is not an object fails alone", async () => {
    const outDir = await tempDir();
    const items = [null, { slug: "ok", title: "OK" }] as unknown as BatchItem[];
    const summary = await renderBatch(items, { outDir, concurrency: 1 });
    expect(statuses(summary.items)).toEqual(["failed", "rendered"]);
    expect(summary.items[0]?.error?.message).toBe("the item must be an object of slug and parameters");
  });

  it("CSV text reaches numeric parameters as numbers, as a query string does", async () => {
    const outDir = await tempDir();
    const entries = parseManifest("slug,title,width,height\nsmall,Small,400,210\n", "csv", "m.csv");
    const summary = await runBatch(entries, { outDir, concurrency: 1 });
    expect(statuses(summary.items)).toEqual(["rendered"]);
    expect(await sharp(join(outDir, "small.png")).metadata()).toMatchObject({ width: 400, height: 210 });
  });

  it("a render thread that dies fails only its own card", async () => {
    const outDir = await tempDir();
    const summary = await renderBatch(
      [
        { slug: "before", title: "Before" },
        { slug: "crash", title: "ogkit-fault:crash" },
        { slug: "after", title: "After" },
      ],
      { outDir, concurrency: 1, faultInjection: true },
    );
    expect(statuses(summary.items)).toEqual(["rendered", "failed", "rendered"]);
    expect(summary.items[1]?.error?.code).toBe("RENDER_FAILED");
    expect(Object.keys(await readState(outDir)).sort()).toEqual(["after.png", "before.png"]);
  });
});

describe("renderBatch: the batch as a whole", () => {
  it("a stopped batch starts no new render; what finished is recorded, and the next run carries on", async () => {
    const outDir = await tempDir();
    const cards: BatchItem[] = Array.from({ length: 6 }, (_, index) => ({
      slug: `card-${index}`,
      title: `Card ${index}`,
    }));
    const stop = new AbortController();
    const first = await renderBatch(cards, { outDir, concurrency: 1, signal: stop.signal, onItem: () => stop.abort() });
    // One render thread, two renders in flight: the one that finished and at most one more.
    expect(first.rendered).toBeGreaterThanOrEqual(1);
    expect(first.rendered).toBeLessThanOrEqual(2);
    expect(first.notStarted).toBe(cards.length - first.rendered);
    expect(first.items.map((item) => item.status)).toEqual(Array(first.rendered).fill("rendered"));
    const done = first.items.map((item) => item.file);
    expect(Object.keys(await readState(outDir)).sort()).toEqual(done.sort());
    const second = await renderBatch(cards, { outDir, concurrency: 1 });
    expect(second).toMatchObject({ rendered: cards.length - first.rendered, skipped: first.rendered, notStarted: 0 });
  });

  it("an already stopped batch renders nothing", async () => {
    const outDir = await tempDir();
    const summary = await renderBatch([{ slug: "a", title: "A" }], { outDir, signal: AbortSignal.abort() });
    expect(summary).toMatchObject({ rendered: 0, notStarted: 1, items: [] });
  });

  it("refuses a concurrency that is not a whole number of at least 1", async () => {
    const outDir = await tempDir();
    for (const concurrency of [0, -1, 1.5, Number.NaN]) {
      await expect(renderBatch([], { outDir, concurrency })).rejects.toThrow(BatchInputError);
    }
  });

  it("refuses an output directory that cannot be created", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "file"), "not a directory");
    await expect(renderBatch([{ slug: "a", title: "A" }], { outDir: join(dir, "file", "og") })).rejects.toThrow(
      /cannot create the output directory/,
    );
  });

  it("an empty batch renders nothing and writes no manifest", async () => {
    const outDir = await tempDir();
    expect(await renderBatch([], { outDir })).toMatchObject({
      rendered: 0,
      skipped: 0,
      failed: 0,
      notStarted: 0,
      items: [],
    });
    expect(await readdir(outDir)).toEqual([]);
  });
});
