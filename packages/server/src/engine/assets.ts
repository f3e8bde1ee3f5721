import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** The folder of an installed package: assets ship as packages, never fetched. */
export function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

export { join };
