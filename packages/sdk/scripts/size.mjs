// Prints the minified + gzipped size of what a browser bundle pays for @ogkit/sdk: the ogUrl entry
// alone and the whole SDK, each with its dependencies (zod) bundled, tree-shaken as a bundler would.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

async function size(contents) {
  const result = await build({
    stdin: { contents, resolveDir: new URL("..", import.meta.url).pathname, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
  });
  const bytes = result.outputFiles[0].contents;
  return { min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
const rows = [
  ["import { ogUrl }", await size(`import { ogUrl } from "./dist/index.js"; console.log(ogUrl);`)],
  ["import * (whole SDK)", await size(`import * as sdk from "./dist/index.js"; console.log(sdk);`)],
];
console.log("| import | minified | min + gzip |\n| --- | --- | --- |");
for (const [name, { min, gzip }] of rows) console.log(`| \`${name}\` | ${kb(min)} | ${kb(gzip)} |`);
