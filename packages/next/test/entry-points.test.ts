import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The main entry must not load the renderer: importing `ogMetadata` in a page (or, by mistake, in a
 * client component) must never pull satori, resvg, fonts or @ogkit/server. This checks the built
 * package, as users get it, in a fresh Node process.
 */
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const renderer = /satori|resvg|@fontsource|@ogkit[\\/]server|packages[\\/]server/;

const recorder = fileURLToPath(new URL("./fixtures/record-resolutions.mjs", import.meta.url));

/** Every module URL a fresh Node process resolves while importing `specifier`. */
function loadedByImport(specifier: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), "ogkit-next-entry-"));
  const log = join(dir, "resolved.txt");
  writeFileSync(log, "");
  try {
    execFileSync(
      process.execPath,
      ["--import", recorder, "--input-type=module", "-e", `await import(${JSON.stringify(specifier)});`],
      { cwd: packageDir, env: { ...process.env, OGKIT_RESOLVE_LOG: log } },
    );
    return readFileSync(log, "utf8").split("\n").filter(Boolean);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function loadedByRequire(specifier: string): string[] {
  const out = execFileSync(
    process.execPath,
    ["-e", `require(${JSON.stringify(specifier)}); process.stdout.write(JSON.stringify(Object.keys(require.cache)))`],
    { cwd: packageDir, encoding: "utf8" },
  );
  return JSON.parse(out) as string[];
}

beforeAll(() => {
  if (!existsSync(new URL("../dist/index.js", import.meta.url))) {
    throw new Error("packages/next/dist is missing: run `npm run build -w @ogkit/next` (turbo's test task does)");
  }
});

describe("entry points", () => {
  it("loads no renderer for `@ogkit/next` (ESM and CommonJS)", () => {
    const esm = loadedByImport("@ogkit/next");
    expect(esm.some((url) => url.includes("/packages/next/dist/index.js"))).toBe(true);
    expect(esm.filter((url) => renderer.test(url))).toEqual([]);

    const cjs = loadedByRequire("@ogkit/next");
    expect(cjs.some((file) => file.endsWith("index.cjs"))).toBe(true);
    expect(cjs.filter((file) => renderer.test(file))).toEqual([]);
  });

  it("imports only @ogkit/sdk from its built files", () => {
    for (const file of ["index.js", "index.cjs"]) {
      const code = readFileSync(new URL(`../dist/${file}`, import.meta.url), "utf8");
      const imported = [...code.matchAll(/(?:from\s*|import\s*\(\s*|require\(\s*)["']([^"'.][^"']*)["']/g)].map(
        (match) => match[1],
      );
      expect(new Set(imported), file).toEqual(new Set(["@ogkit/sdk"]));
    }
  });

  // The positive control: the same probe does see the renderer behind `@ogkit/next/route`.
  it("loads @ogkit/server for `@ogkit/next/route` only", () => {
    expect(loadedByImport("@ogkit/next/route").some((url) => renderer.test(url))).toBe(true);
  });
});
