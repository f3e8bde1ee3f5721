import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ogJsonSchema } from "@ogkit/sdk";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { type CliIo, runCli } from "./cli.js";
import { configTable } from "./config.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

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
