import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The command-line end of a generator script: writes `content` to `target`, or with --check fails
 * when the checked-in file differs. Runs only when `moduleUrl` is the script node was started with.
 */
export function writeOrCheck(moduleUrl: string, target: string, content: () => string): void {
  if (process.argv[1] !== fileURLToPath(moduleUrl)) return;
  const text = content();
  if (!process.argv.includes("--check")) {
    writeFileSync(target, text);
    return;
  }
  if (readFileSync(target, "utf8") !== text) {
    console.error(`${target} is stale: run npm run generate -w @ogkit/sdk`);
    process.exit(1);
  }
}
