/**
 * Writes docs/configuration.md, the server configuration reference, from the table in
 * src/config.ts (the same table `ogkit serve --help` prints). --check fails when the file is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { configurationDoc } from "../src/config.js";

const target = fileURLToPath(new URL("../../../docs/configuration.md", import.meta.url));
const text = configurationDoc();

if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {}
  if (current !== text) {
    console.error("docs/configuration.md is stale: run npm run generate -w @ogkit/server");
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
