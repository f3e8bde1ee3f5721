import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { type CliIo, runCli } from "../../src/cli.js";

/** The example manifests of docs/batch.md, run through the CLI as the page shows. */
const fixtures = fileURLToPath(new URL("./fixtures/", import.meta.url));
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function batch(...argv: string[]) {
  let stderr = "";
  const io: CliIo = { stdout: () => {}, stderr: (text) => (stderr += text), env: {} };
  const code = await runCli(["batch", ...argv], io);
  return { code, stderr };
}

describe("the manifests of docs/batch.md", () => {
  it("posts.json, posts.ndjson and posts.csv are the same three cards", async () => {
    const out = await mkdtemp(join(tmpdir(), "ogkit-batch-docs-"));
    dirs.push(out);
    const first = await batch(join(fixtures, "posts.ndjson"), "--out", out, "--concurrency", "2");
    expect(first.stderr).toMatch(/^rendered 3, skipped 0, failed 0 in/m);
    expect(first.code).toBe(0);
    // The same parameters in another format: nothing to render.
    for (const manifest of ["posts.json", "posts.csv"]) {
      const again = await batch(join(fixtures, manifest), "--out", out);
      expect(again.stderr, manifest).toMatch(/^rendered 0, skipped 3, failed 0 in/m);
      expect(again.code).toBe(0);
    }
    expect((await readdir(join(out, "blog"))).sort()).toEqual(["batch-rendering.png", "launch-week.png"]);
    expect(await sharp(join(out, "hello-world.png")).metadata()).toMatchObject({ width: 1200, height: 630 });
  }, 120_000);

  it("broken.ndjson: each bad entry fails alone, with its line, and the exit code is 1", async () => {
    const out = await mkdtemp(join(tmpdir(), "ogkit-batch-docs-"));
    dirs.push(out);
    const manifest = join(fixtures, "broken.ndjson");
    const { code, stderr } = await batch(manifest, "--out", out, "--concurrency", "1");
    expect(code).toBe(1);
    expect(stderr).toContain(`failed ${manifest}:2 (too-long): title must be at most 200 characters (got 209)`);
    expect(stderr).toContain(`failed ${manifest}:3: slug must not contain . or .. folders (got "../outside")`);
    expect(stderr).toContain(
      `failed ${manifest}:4 (fine): slug 'fine' writes the same file (fine.png) as the entry at ${manifest}:1 ('fine')`,
    );
    expect(stderr).toMatch(/^rendered 1, skipped 0, failed 3 in/m);
    expect((await readdir(out)).sort()).toEqual([".ogkit-batch.json", "fine.png"]);
  }, 60_000);
});
