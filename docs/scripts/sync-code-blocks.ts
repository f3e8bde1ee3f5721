/**
 * Copies each titled code block's file (or `#region`) into the block, in every page of docs/ and
 * the README: `npm run sync -w @ogkit/docs` after changing an example. The docs test fails on any
 * block that differs, so this is the way to fix it.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { docPages, REPO } from "../test/check-docs.js";
import { codeBlocks, region } from "../test/markdown.js";

export function syncPage(markdown: string, root = REPO): string {
  const lines = markdown.split("\n");
  // From the last block up, so earlier line numbers stay valid.
  for (const block of codeBlocks(markdown).reverse()) {
    const title = block.attributes.title;
    if (title === undefined) continue;
    const [path = "", name] = title.split("#");
    const source = readFileSync(join(root, path), "utf8");
    const code = name === undefined ? source : region(source, name);
    const size = block.code === "" ? 0 : block.code.split("\n").length - 1;
    lines.splice(block.line, size, ...code.replace(/\n$/, "").split("\n"));
  }
  return lines.join("\n");
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  for (const page of docPages()) {
    const file = join(REPO, page);
    const before = readFileSync(file, "utf8");
    const after = syncPage(before);
    if (after !== before) {
      writeFileSync(file, after);
      console.log(`updated ${page}`);
    }
  }
}
