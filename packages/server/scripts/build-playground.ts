/**
 * Builds the playground into dist/playground: the browser client (src/playground/client, with the
 * SDK and zod bundled) and the stylesheet, each minified and named by its content hash, brotli and
 * gzip siblings of both, and index.html pointing at them. Run after tsup, which cleans dist:
 *
 *   tsx scripts/build-playground.ts [outDir]
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build } from "esbuild";
import { ASSET_DIR, PAGE_FILE } from "../src/playground/files.js";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const sourceDir = join(packageDir, "src", ASSET_DIR);

/** Where `npm run build` puts the playground, and where the server looks for it. */
export const DEFAULT_OUT_DIR = join(packageDir, "dist", ASSET_DIR);

export interface BuildPlaygroundOptions {
  /** Output directory (default dist/playground); it is emptied first. */
  outDir?: string | undefined;
  /** Minify the client and stylesheet (default true). */
  minify?: boolean | undefined;
}

export interface PlaygroundFile {
  name: string;
  bytes: number;
  gzipBytes: number;
}

export interface PlaygroundBuild {
  outDir: string;
  files: PlaygroundFile[];
}

function contentHash(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("base64url").slice(0, 12);
}

async function bundle(entry: string, minify: boolean): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [join(sourceDir, entry)],
    bundle: true,
    minify,
    format: "esm",
    platform: "browser",
    target: ["es2022", "chrome111", "firefox113", "safari16.4"],
    // The workspace's source of @ogkit/sdk, as the tests see it; zod and @noble/hashes come along.
    conditions: ["@ogkit/source"],
    legalComments: "none",
    charset: "utf8",
    write: false,
    logLevel: "warning",
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error(`esbuild produced nothing for ${entry}`);
  return output.contents;
}

/** Builds the playground and returns what it wrote. */
export async function buildPlayground(options: BuildPlaygroundOptions = {}): Promise<PlaygroundBuild> {
  const outDir = resolve(options.outDir ?? DEFAULT_OUT_DIR);
  const minify = options.minify ?? true;
  const [script, style, template] = await Promise.all([
    bundle("client/main.ts", minify),
    bundle("styles.css", minify),
    readFile(join(sourceDir, PAGE_FILE), "utf8"),
  ]);
  const scriptName = `app-${contentHash(script)}.js`;
  const styleName = `app-${contentHash(style)}.css`;
  const page = template
    .replaceAll("%APP_JS%", `${ASSET_DIR}/${scriptName}`)
    .replaceAll("%APP_CSS%", `${ASSET_DIR}/${styleName}`);
  if (/%[A-Z_]+%/.test(page)) throw new Error(`${PAGE_FILE} has a placeholder the build does not fill`);

  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const files: PlaygroundFile[] = [];
  const write = async (name: string, bytes: Uint8Array, compress: boolean) => {
    const gzip = gzipSync(bytes, { level: 9 });
    await writeFile(join(outDir, name), bytes);
    if (compress) {
      const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
      await writeFile(join(outDir, `${name}.br`), brotli);
      await writeFile(join(outDir, `${name}.gz`), gzip);
    }
    files.push({ name, bytes: bytes.byteLength, gzipBytes: gzip.byteLength });
  };
  await write(scriptName, script, true);
  await write(styleName, style, true);
  // The page is small and served with an ETag; it is not precompressed.
  await write(PAGE_FILE, new TextEncoder().encode(page), false);
  return { outDir, files };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const started = performance.now();
  const result = await buildPlayground({ outDir: process.argv[2] });
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  for (const file of result.files) {
    console.log(`  ${ASSET_DIR}/${file.name}  ${kb(file.bytes)}  (gzip ${kb(file.gzipBytes)})`);
  }
  console.log(`playground built in ${Math.round(performance.now() - started)} ms`);
}
