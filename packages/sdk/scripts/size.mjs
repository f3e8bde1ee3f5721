// Prints the minified + gzipped size of what a browser bundle pays for @ogkit/sdk: the ogUrl entry
// alone and the whole SDK (run after a build; --write updates the README), each with its dependencies (zod) bundled, tree-shaken as a bundler would.
import { readFileSync, writeFileSync } from "node:fs";
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
const table = [
  "| import | minified | min + gzip |",
  "| --- | --- | --- |",
  ...rows.map(([name, { min, gzip }]) => `| \`${name}\` | ${kb(min)} | ${kb(gzip)} |`),
].join("\n");
console.log(table);

// --write puts the table into the root README between its size markers.
if (process.argv.includes("--write")) {
  const readme = new URL("../../../README.md", import.meta.url);
  const text = readFileSync(readme, "utf8");
  const updated = text.replace(/(<!-- size:start -->)[\s\S]*?(<!-- size:end -->)/, `$1\n${table}\n$2`);
  writeFileSync(readme, updated);
}
