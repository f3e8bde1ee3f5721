import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { ogJsonSchema } from "@ogkit/sdk";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { type CliIo, runCli } from "./cli.js";
import { configTable } from "./config.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const execFileAsync = promisify(execFile);

async function run(argv: string[], env: Record<string, string | undefined> = {}) {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

const schemaParams = Object.keys(ogJsonSchema().properties);

describe("ogkit --help", () => {
  it("lists every schema parameter and every server setting, with descriptions from their sources", async () => {
    const { code, stdout } = await run(["--help"]);
    expect(code).toBe(0);
    for (const name of schemaParams) expect(stdout).toMatch(new RegExp(`--${name} `));
    for (const entry of configTable) expect(stdout).toContain(`--${entry.flag} `);
    expect(stdout).toContain(ogJsonSchema().properties.title?.description);
  });

  it("ogkit render --help lists every schema parameter", async () => {
    const { code, stdout } = await run(["render", "--help"]);
    expect(code).toBe(0);
    for (const name of schemaParams) expect(stdout).toMatch(new RegExp(`--${name} `));
  });

  it("exits 2 with a message on an unknown command, flag or invalid parameter", async () => {
    expect((await run(["bogus"])).code).toBe(2);
    expect((await run(["render", "--title", "x", "--nope", "1"])).code).toBe(2);
    const invalid = await run(["render", "--title", "x", "--theme", "neon"]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain("--theme: theme must be one of");
    expect((await run(["serve", "--port", "abc"])).code).toBe(2);
  });
});

describe("ogkit render", () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it("writes a valid PNG of the requested size, without a server", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ogkit-cli-"));
    dirs.push(dir);
    const output = join(dir, "card.png");
    const { code, stderr } = await run([
      "render",
      "--title",
      "From the CLI",
      "--theme",
      "light",
      "--title-color",
      "#123456",
      "--width",
      "400",
      "--height",
      "210",
      "-o",
      output,
    ]);
    expect(stderr).toContain("Wrote");
    expect(code).toBe(0);
    const meta = await sharp(await readFile(output)).metadata();
    expect(meta).toMatchObject({ format: "png", width: 400, height: 210 });
  });

  it("takes the format from the output file's extension", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ogkit-cli-"));
    dirs.push(dir);
    const output = join(dir, "card.webp");
    expect((await run(["render", "--title", "Webp", "--size", "square", "-o", output])).code).toBe(0);
    expect(await sharp(await readFile(output)).metadata()).toMatchObject({ format: "webp", width: 1080, height: 1080 });
  });

  it("--engine takumi renders with takumi; an unknown engine is a usage error", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ogkit-cli-"));
    dirs.push(dir);
    const argv = ["render", "--title", "Engines", "--width", "400", "--height", "210"];
    const [satori, takumi] = [join(dir, "satori.png"), join(dir, "takumi.png")];
    expect((await run([...argv, "-o", satori])).code).toBe(0);
    expect((await run([...argv, "--engine", "takumi", "-o", takumi])).code).toBe(0);
    expect(await sharp(await readFile(takumi)).metadata()).toMatchObject({ format: "png", width: 400, height: 210 });
    expect(Buffer.compare(await readFile(takumi), await readFile(satori))).not.toBe(0);
    const bad = await run([...argv, "--engine", "chrome", "-o", join(dir, "bad.png")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--engine must be one of satori, takumi (got "chrome")');
    expect(existsSync(join(dir, "bad.png"))).toBe(false);
  });
});

describe("ogkit batch", () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));
  async function tempDir() {
    const dir = await mkdtemp(join(tmpdir(), "ogkit-cli-batch-"));
    dirs.push(dir);
    return dir;
  }

  it("--help lists the batch options and every schema parameter as a default", async () => {
    const { code, stdout } = await run(["batch", "--help"]);
    expect(code).toBe(0);
    for (const flag of ["--out", "--concurrency", "--force", "--quiet", "--engine"])
      expect(stdout).toContain(`${flag} `);
    for (const name of schemaParams) expect(stdout).toMatch(new RegExp(`--${name} `));
    expect((await run(["--help"])).stdout).toContain("ogkit batch <manifest>");
  });

  it("a broken entry fails alone with its line and field, the rest render, and the exit code is 1", async () => {
    const dir = await tempDir();
    const manifest = join(dir, "posts.ndjson");
    const lines = ["one", "two", "three", "four", "five"].map((slug, index) =>
      JSON.stringify({ slug, title: index === 3 ? "x".repeat(201) : `Post ${slug}` }),
    );
    await writeFile(manifest, `${lines.join("\n")}\n`);
    const out = join(dir, "og");
    const first = await run(["batch", manifest, "--out", out, "--concurrency", "2", "--brand", "CLI blog"]);
    expect(first.stderr).toContain(`failed ${manifest}:4 (four): title must be at most 200 characters (got 201)`);
    expect(first.stderr).toMatch(/rendered 4, skipped 0, failed 1 in \d+\.\ds/);
    expect(first.code).toBe(1);
    expect((await readdir(out)).sort()).toEqual([".ogkit-batch.json", "five.png", "one.png", "three.png", "two.png"]);
    expect(await sharp(await readFile(join(out, "one.png"))).metadata()).toMatchObject({ width: 1200, height: 630 });

    const second = await run(["batch", manifest, "--out", out, "--brand", "CLI blog", "--quiet"]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/^failed .*posts\.ndjson:4 \(four\): title must be/);
    expect(second.stderr).toMatch(/rendered 0, skipped 4, failed 1 in/);
    expect(second.stderr).not.toContain("skipped one.png");
  }, 60_000);

  it("a CSV manifest with defaults from flags (--format, kebab-case too), --force, and exit 0", async () => {
    const dir = await tempDir();
    const manifest = join(dir, "cards.csv");
    await writeFile(manifest, "slug,title,theme\nnews/a,First,light\nnews/b,Second,\n");
    const out = join(dir, "og");
    const argv = ["batch", manifest, "--out", out, "--format", "webp", "--title-color", "#123456", "--width", "600"];
    const first = await run(argv);
    expect(first.stderr).toContain("rendered news/a.webp\n");
    expect(first.stderr).toMatch(/rendered 2, skipped 0, failed 0 in/);
    expect(first.code).toBe(0);
    expect(await sharp(await readFile(join(out, "news/b.webp"))).metadata()).toMatchObject({
      format: "webp",
      width: 600,
      height: 630,
    });
    expect((await run(argv)).stderr).toContain("skipped news/a.webp (unchanged)");
    const forced = await run([...argv, "--force"]);
    expect(forced.stderr).toMatch(/rendered 2, skipped 0, failed 0 in/);
    expect(forced.code).toBe(0);
  }, 60_000);

  it("--engine is part of each card's hash: switching engines renders every card again", async () => {
    const dir = await tempDir();
    const manifest = join(dir, "cards.csv");
    await writeFile(manifest, "slug,title\na,First\nb,Second\n");
    const argv = ["batch", manifest, "--out", join(dir, "og"), "--concurrency", "1", "--width", "400"];
    expect((await run(argv)).stderr).toMatch(/rendered 2, skipped 0, failed 0 in/);
    const before = await readFile(join(dir, "og", "a.png"));
    expect((await run([...argv, "--engine", "takumi"])).stderr).toMatch(/rendered 2, skipped 0, failed 0 in/);
    expect(Buffer.compare(await readFile(join(dir, "og", "a.png")), before)).not.toBe(0);
    expect((await run([...argv, "--engine", "takumi"])).stderr).toMatch(/rendered 0, skipped 2, failed 0 in/);
    const bad = await run([...argv, "--engine", "gpu"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--engine must be one of satori, takumi (got "gpu")');
  }, 60_000);

  it("locates entries of a JSON manifest by index", async () => {
    const dir = await tempDir();
    const manifest = join(dir, "cards.json");
    await writeFile(
      manifest,
      JSON.stringify([
        { slug: "ok", title: "Fine" },
        { slug: "../up", title: "Escape" },
      ]),
    );
    const result = await run(["batch", manifest, "--out", join(dir, "og"), "--concurrency", "1"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`failed ${manifest}[1]: slug must not contain . or .. folders (got "../up")`);
    expect(await readdir(dir)).toEqual(["cards.json", "og"]);
  });

  it("Ctrl-C stops starting renders, keeps and records the finished ones, prints the summary and exits 130", async () => {
    const dir = await tempDir();
    const manifest = join(dir, "many.ndjson");
    const lines = Array.from({ length: 30 }, (_, index) =>
      JSON.stringify({ slug: `c${index}`, title: `Card ${index}` }),
    );
    await writeFile(manifest, `${lines.join("\n")}\n`);
    const out = join(dir, "og");
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--conditions=@ogkit/source",
        "src/cli.ts",
        "batch",
        manifest,
        "--out",
        out,
        "--concurrency",
        "1",
      ],
      { cwd: packageDir, stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes("rendered c") && !child.killed) child.kill("SIGINT");
    });
    try {
      const code = await new Promise<number | null>((resolve) => child.on("exit", (exitCode) => resolve(exitCode)));
      expect(stderr).toMatch(/rendered \d+, skipped 0, failed 0 in \d+\.\ds; stopped before \d+ more/);
      expect(code).toBe(130);
    } finally {
      stopChild(child);
    }
    const rendered = Number(/rendered (\d+), skipped/.exec(stderr)?.[1]);
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(30);
    const state = JSON.parse(await readFile(join(out, ".ogkit-batch.json"), "utf8"));
    expect(Object.keys(state.cards)).toHaveLength(rendered);
    const again = await run(["batch", manifest, "--out", out, "--concurrency", "2", "--quiet"]);
    expect(again.stderr).toMatch(new RegExp(`rendered ${30 - rendered}, skipped ${rendered}, failed 0 in`));
  }, 120_000);

  // Like `ogkit serve` below: `npm test` builds first, and a missing or stale build fails here.
  it("from dist: the built CLI renders a batch in dist/worker.js threads", async () => {
    expect(
      existsSync(join(packageDir, "dist/cli.js")),
      "dist/cli.js is missing: run npm run build -w @ogkit/server",
    ).toBe(true);
    const dir = await tempDir();
    const manifest = join(dir, "cards.csv");
    await writeFile(manifest, "slug,title\nfrom-dist,Built\nalso,Built too\n");
    const out = join(dir, "og");
    const { stderr } = await execFileAsync(
      process.execPath,
      ["dist/cli.js", "batch", manifest, "--out", out, "--concurrency", "1"],
      { cwd: packageDir, timeout: 60_000 },
    );
    expect(stderr).toMatch(/rendered 2, skipped 0, failed 0 in/);
    expect(await sharp(await readFile(join(out, "from-dist.png"))).metadata()).toMatchObject({ width: 1200 });
  }, 60_000);

  it("exits 2, rendering nothing, on bad flags or a manifest that cannot be read", async () => {
    const dir = await tempDir();
    const manifest = join(dir, "cards.ndjson");
    await writeFile(manifest, '{"slug":"a","title":"A"}\n');
    await writeFile(join(dir, "cards.txt"), "slug,title\n");
    await writeFile(join(dir, "typo.csv"), "slug,titel\na,A\n");
    await writeFile(join(dir, "object.json"), '{"slug":"a","title":"A"}');
    const out = join(dir, "og");
    const cases: [string[], RegExp][] = [
      [["batch", "--out", out], /give one manifest file \(got 0\)/],
      [["batch", manifest, manifest, "--out", out], /give one manifest file \(got 2\)/],
      [["batch", manifest, "--out", out, "--concurrency", "0"], /--concurrency must be a whole number of at least 1/],
      [["batch", manifest, "--out", out, "--concurrency", "two"], /--concurrency must be a whole number/],
      [["batch", manifest, "--out", out, "--nope"], /Unknown option '--nope'/],
      [["batch", manifest, "--out", out, "--theme", "neon"], /--theme: theme must be one of/],
      [
        ["batch", join(dir, "missing.ndjson"), "--out", out],
        /cannot read the manifest .*missing\.ndjson: no such file/,
      ],
      [["batch", join(dir, "cards.txt"), "--out", out], /cannot tell the format of .*cards\.txt/],
      [["batch", join(dir, "typo.csv"), "--out", out], /typo\.csv:1: unknown parameter 'titel'; did you mean title\?/],
      [["batch", join(dir, "object.json"), "--out", out], /must be a JSON array of entries/],
    ];
    for (const [argv, message] of cases) {
      const result = await run(argv);
      expect(result.stderr, argv.join(" ")).toMatch(message);
      expect(result.code, argv.join(" ")).toBe(2);
    }
    expect(existsSync(out)).toBe(false);
  });
});

/** Starts `ogkit serve` as a real process and waits for the URL it prints. */
function startServe(command: string[], env: Record<string, string> = {}) {
  const child = spawn(
    process.execPath,
    [...command, "serve", "--port", "0", "--host", "127.0.0.1", "--concurrency", "1"],
    {
      cwd: packageDir,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const ready = new Promise<{ url: string; example: string }>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      const example = /Example image: (\S+)/.exec(output)?.[1];
      if (url && example) resolve({ url, example });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`ogkit serve exited with ${code}:\n${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, ready, exited };
}

async function checkServe(command: string[]) {
  const { child, ready, exited } = startServe(command);
  try {
    const { url, example } = await ready;
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    // The example image renders in a worker thread of the spawned server.
    const image = await fetch(example);
    expect(image.status).toBe(200);
    const meta = await sharp(Buffer.from(await image.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ format: "png", width: 1200, height: 630 });
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  } finally {
    stopChild(child);
  }
}

function stopChild(child: ChildProcess) {
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

describe("ogkit serve", () => {
  it("from source: starts, prints its URL and an example, answers, and exits 0 on SIGTERM", async () => {
    await checkServe(["--import", "tsx", "--conditions=@ogkit/source", "src/cli.ts"]);
  }, 30_000);

  // `npm test` builds before testing (turbo's test task depends on build); a missing build fails here
  // rather than skipping, so the published entry point is always exercised.
  it("from dist: the built CLI and dist/worker.js do the same", async () => {
    expect(
      existsSync(join(packageDir, "dist/cli.js")),
      "dist/cli.js is missing: run npm run build -w @ogkit/server",
    ).toBe(true);
    await checkServe(["dist/cli.js"]);
  }, 30_000);
});
